import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { Recipients } from './recipients';
import { ReminderDispatcher } from './reminder-dispatcher';
import { REMINDER_QUEUE, ReminderQueue } from './reminder-queue';

/** The Redis connection, the reminder queue and its dispatcher, shared by the worker (producer) and the notifier. */
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
  providers: [ReminderQueue, ReminderDispatcher, Recipients],
  exports: [ReminderQueue, ReminderDispatcher, Recipients, BullModule],
})
export class QueueModule {}
