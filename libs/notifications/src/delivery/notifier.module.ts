import { Module } from '@nestjs/common';
import { webhookUrlPolicyProvider } from '@liaison/common';
import { EmailChannel } from '../channels/email.channel';
import { InboxChannel } from '../channels/inbox.channel';
import { WebhookChannel } from '../channels/webhook.channel';
import { ReminderPlanningModule } from '../planning/planning.module';
import { CalendarDelivery } from './calendar-delivery.service';
import { DeliveryMetrics } from './delivery-metrics';
import { ReminderComposer } from './reminder-content';
import { ReminderDeliveryService } from './reminder-delivery.service';
import { ReminderReader } from './reminder-reader';
import { ReminderProcessor } from './reminder.processor';
import { ReminderSweep } from './reminder-sweep';

/**
 * Everything the notifier process runs: the queue worker, the delivery channels (in-app, e-mail,
 * webhook) and the sweep (which dispatches what the workflows did not, hence the planning module).
 */
@Module({
  imports: [ReminderPlanningModule],
  providers: [
    InboxChannel,
    EmailChannel,
    WebhookChannel,
    webhookUrlPolicyProvider,
    ReminderComposer,
    ReminderReader,
    DeliveryMetrics,
    ReminderDeliveryService,
    CalendarDelivery,
    ReminderProcessor,
    ReminderSweep,
  ],
})
export class NotifierModule {}
