import { Injectable } from '@nestjs/common';

/**
 * Tells the delivery workers that a subscription's lane may have a delivery due now (after a
 * redelivery, a re-enabled subscription, a ping). Called after the commit that made it due.
 * The delivery side (event delivery) gives it its body; callers only need this signature.
 */
@Injectable()
export class DeliveryWakeups {
  async wake(_lanes: Array<{ subscriptionId: string; lane: string }>): Promise<void> {
    return;
  }
}
