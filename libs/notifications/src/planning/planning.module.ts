import { Module } from '@nestjs/common';
import { QueueModule } from '../queue/queue.module';
import { Recipients } from './recipients';
import { ReminderDispatcher } from './reminder-dispatcher';

/**
 * What plans reminders and hands them to the queue: who gets them (`Recipients`) and the dispatcher
 * that writes their rows and enqueues them. The worker's activities use it, and the notifier's sweep.
 */
@Module({
  imports: [QueueModule],
  providers: [ReminderDispatcher, Recipients],
  exports: [ReminderDispatcher, Recipients, QueueModule],
})
export class ReminderPlanningModule {}
