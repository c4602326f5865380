import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { DeliveryLane } from '@liaison/persistence';
import { QUEUE_STATES, type QueueState } from '@liaison/notifications';
import type { Queue } from 'bullmq';

export const EVENT_DELIVERY_QUEUE = 'event-deliveries';
/** "Deliver what is due at the head of this lane", one job name, one handler (EventDeliveryProcessor). */
export const DELIVER_LANE_JOB = 'deliver-lane';

export type DeliverLaneJob = DeliveryLane;

/**
 * The producer side of the event delivery queue. A job only says which lane to look at: the
 * delivery rows in Postgres say what is due, and the worker claims the lane's head there, so a job
 * twice (a wake-up and the sweep) or a job lost (the sweep puts it back) changes nothing of what is
 * sent or in which order. Jobs are removed once done: a later wake-up of the same lane is a new job.
 */
@Injectable()
export class EventDeliveryQueue {
  constructor(@InjectQueue(EVENT_DELIVERY_QUEUE) private readonly queue: Queue<DeliverLaneJob>) {}

  /** One job per lane, run after `delayMs` (0: now). */
  async wake(lanes: DeliveryLane[], delayMs = 0): Promise<void> {
    if (lanes.length === 0) return;
    await this.queue.addBulk(
      lanes.map(({ subscriptionId, lane }) => ({
        name: DELIVER_LANE_JOB,
        data: { subscriptionId, lane },
        opts: {
          ...(delayMs > 0 ? { delay: delayMs } : {}),
          // The rows carry the retries: a job that throws (Postgres away) is tried again a few times, then the sweep takes over.
          attempts: 3,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: { age: 24 * 3600 },
        },
      })),
    );
  }

  /** Job counts per state and how many workers listen, as for the reminder queue. */
  async counts(): Promise<{ queue: string; counts: Record<QueueState, number>; workers: number }> {
    const [counts, workers] = await Promise.all([this.queue.getJobCounts(...QUEUE_STATES), this.queue.getWorkersCount()]);
    return { queue: this.queue.name, counts: counts as Record<QueueState, number>, workers };
  }
}
