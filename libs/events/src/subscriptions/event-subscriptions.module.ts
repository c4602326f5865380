import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { webhookUrlPolicyProvider } from '@liaison/common';
import { EventDeliveryQueueModule } from '../delivery/event-delivery-queue.module';
import { EventSubscriptionsController } from './event-subscriptions.controller';
import { EventSubscriptionsService } from './event-subscriptions.service';
import { SubscriptionDeliveriesService } from './subscription-deliveries.service';
import { SubscriptionScope } from './subscription-scope';

/** The API of an organisation's event subscriptions (docs/event-subscriptions.md). */
@Module({
  imports: [AccessModule, EventDeliveryQueueModule],
  controllers: [EventSubscriptionsController],
  providers: [EventSubscriptionsService, SubscriptionDeliveriesService, SubscriptionScope, webhookUrlPolicyProvider],
})
export class EventSubscriptionsModule {}
