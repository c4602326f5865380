import { Module } from '@nestjs/common';
import { WebhookSecretStore } from '@liaison/access';
import { webhookUrlPolicyProvider } from '@liaison/common';
import { EmailChannel } from './channels/email.channel';
import { InboxChannel } from './channels/inbox.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { ReminderComposer } from './delivery/reminder-content';
import { ReminderDeliveryService } from './delivery/reminder-delivery.service';
import { ReminderReader } from './delivery/reminder-reader';
import { ReminderProcessor } from './delivery/reminder.processor';
import { QueueModule } from './queue/queue.module';
import { ReminderSweep } from './queue/reminder-sweep';

/** Everything the notifier process runs: the queue worker, the delivery channels (in-app, e-mail, webhook) and the sweep. */
@Module({
  imports: [QueueModule],
  providers: [
    InboxChannel,
    EmailChannel,
    WebhookChannel,
    WebhookSecretStore,
    webhookUrlPolicyProvider,
    ReminderComposer,
    ReminderReader,
    ReminderDeliveryService,
    ReminderProcessor,
    ReminderSweep,
  ],
})
export class NotifierModule {}
