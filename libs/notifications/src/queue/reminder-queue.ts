import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Queue } from 'bullmq';

export const REMINDER_QUEUE = 'reminders';
export const DELIVER_REMINDER_JOB = 'deliver-reminder';

export interface DeliverReminderJob {
  reminderId: string;
  key: string;
}

/** The producer side of the reminder queue: one job per reminder, its id the reminder key. */
@Injectable()
export class ReminderQueue {
  constructor(
    @InjectQueue(REMINDER_QUEUE)
    private readonly queue: Queue<DeliverReminderJob>,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async enqueue(reminders: DeliverReminderJob[]): Promise<void> {
    if (reminders.length === 0) return;
    const { attempts, backoffMs } = this.config.reminders;
    await this.queue.addBulk(
      reminders.map((reminder) => ({
        name: DELIVER_REMINDER_JOB,
        data: reminder,
        opts: {
          jobId: reminder.key,
          attempts,
          backoff: { type: 'exponential', delay: backoffMs },
          removeOnComplete: { age: 24 * 3600, count: 50_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /** A round trip to Redis. */
  async ping(): Promise<void> {
    await this.queue.getJobCounts('waiting');
  }
}
