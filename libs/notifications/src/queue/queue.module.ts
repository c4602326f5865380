import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { CalendarUpdates } from './calendar-updates';
import { REMINDER_QUEUE, ReminderQueue } from './reminder-queue';

/**
 * The Redis connection and the reminder queue, shared by all three processes: the worker and the API
 * produce, the notifier consumes. `CalendarUpdates` is how any of them asks for a calendar to follow a change.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [LIAISON_CONFIG],
      useFactory: (config: LiaisonConfig) => ({
        connection: { url: config.redisUrl, maxRetriesPerRequest: null },
        prefix: config.queuePrefix,
      }),
    }),
    BullModule.registerQueue({ name: REMINDER_QUEUE }),
  ],
  providers: [ReminderQueue, CalendarUpdates],
  exports: [ReminderQueue, CalendarUpdates, BullModule],
})
export class QueueModule {}
