import { Module } from '@nestjs/common';
import { EmailChannel } from './channels/email.channel';
import { InboxChannel } from './channels/inbox.channel';
import { WebhookChannel } from './channels/webhook.channel';
import { ReminderComposer } from './delivery/reminder-content';
import { ReminderDeliveryService } from './delivery/reminder-delivery.service';
import { ReminderProcessor } from './delivery/reminder.processor';
import { QueueModule } from './queue/queue.module';

/** Everything the notifier process runs: the queue worker and the delivery channels (in-app, e-mail, webhook). */
@Module({
  imports: [QueueModule],
  providers: [InboxChannel, EmailChannel, WebhookChannel, ReminderComposer, ReminderDeliveryService, ReminderProcessor],
})
export class NotifierModule {}
