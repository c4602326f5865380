import { Module } from '@nestjs/common';
import { webhookUrlPolicyProvider } from '@liaison/common';
import { EventDeliveryMetrics } from './event-delivery-metrics';
import { EventDeliveryQueueModule } from './event-delivery-queue.module';
import { EventDeliverySweep } from './event-delivery-sweep';
import { EventDeliveryProcessor } from './event-delivery.processor';
import { EventRelay } from './event-relay';
import { FailingSubscriptions } from './failing-subscriptions';
import { LaneDelivery } from './lane-delivery.service';

/**
 * Event delivery, for the notifier process only: the outbox relay, the `event-deliveries` worker,
 * the sweep, and the failing-subscription clock (docs/event-delivery.md).
 */
@Module({
  imports: [EventDeliveryQueueModule],
  providers: [
    webhookUrlPolicyProvider,
    EventDeliveryMetrics,
    FailingSubscriptions,
    LaneDelivery,
    EventDeliveryProcessor,
    EventRelay,
    EventDeliverySweep,
  ],
  exports: [EventRelay, EventDeliverySweep, EventDeliveryQueueModule],
})
export class EventDeliveryModule {}
