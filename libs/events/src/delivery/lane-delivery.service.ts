import { Inject, Injectable, Logger } from '@nestjs/common';
import { WebhookUrlPolicy } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { WEBHOOK_TIMEOUT_MS, WebhookSender } from '@liaison/notifications';
import { ClaimedDelivery, DeliveryLane, EventLanesRepository } from '@liaison/persistence';
import { envelopeOf } from './envelope';
import { EventDeliveryMetrics } from './event-delivery-metrics';
import { EventDeliveryQueue } from './event-delivery-queue';
import { FailingSubscriptions } from './failing-subscriptions';
import { retryDelayMs } from './retry-schedule';

/** How long a claimed head is a worker's alone: well past the receiver's timeout; a worker that dies frees it after this. */
export const DELIVERY_LEASE_MS = 3 * WEBHOOK_TIMEOUT_MS;
/** Deliveries one job sends from its lane before it hands the rest to a new job, so that a long lane does not hold a worker. */
const DELIVERIES_PER_JOB = 100;

/** How a lane's job ended: the lane is empty or waits for a retry (`idle`), or has more for the next job (`more`). */
export type LaneOutcome = 'idle' | 'more';

/**
 * Sends a lane's deliveries, one at a time in seq order: claims the head (if due), POSTs its envelope
 * signed with every valid secret, and records the answer. A 2xx marks it delivered (only then: at
 * least once) and goes on with the next; a failure sets its next attempt by the retry schedule and
 * leaves the lane waiting behind it, with a delayed job for that time.
 */
@Injectable()
export class LaneDelivery {
  private readonly logger = new Logger(LaneDelivery.name);
  private readonly sender: WebhookSender;

  constructor(
    private readonly deliveries: EventLanesRepository,
    private readonly failing: FailingSubscriptions,
    private readonly queue: EventDeliveryQueue,
    private readonly metrics: EventDeliveryMetrics,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    policy: WebhookUrlPolicy,
  ) {
    this.sender = new WebhookSender(policy);
  }

  async deliverLane(lane: DeliveryLane): Promise<LaneOutcome> {
    for (let sent = 0; sent < DELIVERIES_PER_JOB; sent++) {
      const head = await this.deliveries.claimHead(lane, DELIVERY_LEASE_MS);
      if (!head) return 'idle';
      if (!(await this.attempt(head))) return 'idle';
    }
    await this.queue.wake([lane]);
    return 'more';
  }

  /** One attempt of the claimed head; true when it was delivered. */
  private async attempt(head: ClaimedDelivery): Promise<boolean> {
    const ids = {
      deliveryId: head.id,
      eventId: head.eventId,
      subscriptionId: head.subscriptionId,
      lane: head.lane,
      attempt: head.attempts,
    };
    const started = performance.now();
    const result = await this.sender.sendBody(head.url, head.eventId, JSON.stringify(envelopeOf(head)), head.secrets);
    const durationMs = Math.round(performance.now() - started);
    if (result.delivered) {
      await this.deliveries.markDelivered(head.id, { status: result.status, durationMs });
      if (head.failing) await this.failing.succeeded(head.subscriptionId);
      this.metrics.attempt('delivered', head.occurredAt);
      this.logger.debug({ ...ids, status: result.status, durationMs }, 'event delivered');
      return true;
    }
    const { retryBaseDelayMs, retryMaxDelayMs } = this.config.events;
    const retryInMs = retryDelayMs(head.attempts, { baseMs: retryBaseDelayMs, maxMs: retryMaxDelayMs });
    await this.deliveries.markFailed(head.id, {
      attempts: head.attempts,
      status: result.status,
      error: result.error,
      durationMs,
      retryInMs,
    });
    this.metrics.attempt('failed');
    this.logger.warn({ ...ids, status: result.status, error: result.error, retryInMs }, 'event delivery failed; the lane waits');
    // Disabled: its lanes stop here until the subscription is enabled again (and woken).
    if (!(await this.failing.failed(head.subscriptionId)))
      await this.queue.wake([{ subscriptionId: head.subscriptionId, lane: head.lane }], retryInMs);
    return false;
  }
}
