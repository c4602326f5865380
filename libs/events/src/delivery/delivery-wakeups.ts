import { Injectable, Logger } from '@nestjs/common';
import { withTimeout } from '@liaison/common';
import type { DeliveryLane } from '@liaison/persistence';
import { EventDeliveryQueue } from './event-delivery-queue';

/** How long a wake-up may hold its caller (a request, the relay) while Redis does not answer. */
const WAKE_TIMEOUT_MS = 2000;

/**
 * Tells the delivery workers that lanes may have a delivery due now (relayed events, a redelivery,
 * a re-enabled subscription, a ping). Called after the commit that made it due: it enqueues one
 * `deliver-lane` job per lane (EventDeliveryQueue). A wake-up is a hint, never the record: with
 * Redis away it is logged and given up after WAKE_TIMEOUT_MS (the queue's own connection may still
 * send it once Redis is back; a second job for a lane changes nothing), and the delivery sweep wakes
 * the lane within EVENT_DELIVERY_SWEEP_INTERVAL. So the change that asked for it never fails or
 * stalls because of it.
 */
@Injectable()
export class DeliveryWakeups {
  private readonly logger = new Logger(DeliveryWakeups.name);

  constructor(private readonly queue: EventDeliveryQueue) {}

  async wake(lanes: DeliveryLane[]): Promise<void> {
    if (lanes.length === 0) return;
    try {
      await withTimeout(this.queue.wake(lanes), WAKE_TIMEOUT_MS);
    } catch (error) {
      this.logger.warn({ lanes: lanes.length, err: error instanceof Error ? error.message : String(error) }, 'lanes not woken; the sweep will');
    }
  }
}
