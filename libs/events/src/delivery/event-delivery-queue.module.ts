import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { QueueModule } from '@liaison/notifications';
import { DeliveryWakeups } from './delivery-wakeups';
import { EVENT_DELIVERY_QUEUE, EventDeliveryQueue } from './event-delivery-queue';

/**
 * The producer side of the event delivery queue, for any process: what the subscriptions API
 * imports to wake the delivery workers (DeliveryWakeups). No worker here: the notifier's
 * EventDeliveryModule adds it.
 */
@Module({
  imports: [QueueModule, BullModule.registerQueue({ name: EVENT_DELIVERY_QUEUE })],
  providers: [EventDeliveryQueue, DeliveryWakeups],
  exports: [EventDeliveryQueue, DeliveryWakeups],
})
export class EventDeliveryQueueModule {}
