import { Injectable } from '@nestjs/common';
import { EventDeliveryQueue } from './event-delivery-queue';

/**
 * Tells the delivery workers that a subscription's lane may have a delivery due now (after a
 * redelivery, a re-enabled subscription, a ping). Called after the commit that made it due: it
 * enqueues one `deliver-lane` job per lane (EventDeliveryQueue). A wake-up lost (Redis away) is made
 * good by the delivery sweep within EVENT_DELIVERY_SWEEP_INTERVAL.
 */
@Injectable()
export class DeliveryWakeups {
  constructor(private readonly queue: EventDeliveryQueue) {}

  async wake(lanes: Array<{ subscriptionId: string; lane: string }>): Promise<void> {
    await this.queue.wake(lanes);
  }
}
