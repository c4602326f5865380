import { Module } from '@nestjs/common';
import { DeliveryWakeups } from './delivery-wakeups';

/**
 * What the subscriptions API imports to wake the delivery workers (DeliveryWakeups). The delivery
 * side gives it its queue.
 */
@Module({
  providers: [DeliveryWakeups],
  exports: [DeliveryWakeups],
})
export class EventDeliveryQueueModule {}
