import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Queue } from 'bullmq';

export const REMINDER_QUEUE = 'reminders';
export const DELIVER_REMINDER_JOB = 'deliver-reminder';
export const SEND_CANCELLATION_JOB = 'send-cancellation';
export const SEND_CALENDAR_UPDATE_JOB = 'send-calendar-update';

export interface DeliverReminderJob {
  reminderId: string;
  key: string;
}

/** An iMIP CANCEL for one person; its job id `cancel.<exchange>.<person>` makes it once. */
export interface SendCancellationJob {
  exchangeId: string;
  personId: string;
}

/** Why a person's calendar is brought up to date: the exchange moved, they were added, or removed. */
export const CALENDAR_UPDATE_REASONS = ['rescheduled', 'added', 'removed'] as const;
export type CalendarUpdateReason = (typeof CALENDAR_UPDATE_REASONS)[number];

/**
 * An iMIP message bringing one person's calendar up to date with an exchange, as it stands when
 * the job runs. `sequence` is the exchange's SEQUENCE when the job was made: with the reason and
 * the two ids it makes the job id (`calendarUpdateJobId`), so each change enqueues it once.
 */
export interface SendCalendarUpdateJob {
  exchangeId: string;
  personId: string;
  sequence: number;
  reason: CalendarUpdateReason;
}

export type NotifierJob = DeliverReminderJob | SendCancellationJob | SendCalendarUpdateJob;

/** The id of a calendar update job: `update.<exchange>.<person>.<sequence>`, `added.…` or `removed.…`. */
export function calendarUpdateJobId(job: SendCalendarUpdateJob): string {
  const prefix = job.reason === 'rescheduled' ? 'update' : job.reason;
  return `${prefix}.${job.exchangeId}.${job.personId}.${job.sequence}`;
}

/** The job states an admin sees counted. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed', 'waiting-children'] as const;
export type QueueState = (typeof QUEUE_STATES)[number];

/** The producer side of the reminder queue: one job per reminder, its id the reminder key. */
@Injectable()
export class ReminderQueue {
  constructor(
    @InjectQueue(REMINDER_QUEUE)
    private readonly queue: Queue<NotifierJob>,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  /** One job per reminder; one whose `dueAt` is still ahead is delayed until then. */
  async enqueue(reminders: Array<DeliverReminderJob & { dueAt?: Date }>): Promise<void> {
    const now = Date.now();
    await this.add(
      reminders.map(({ dueAt, ...reminder }) => ({
        name: DELIVER_REMINDER_JOB,
        data: reminder,
        jobId: reminder.key,
        delay: dueAt ? Math.max(0, dueAt.getTime() - now) : 0,
      })),
    );
  }

  async enqueueCancellations(exchangeId: string, personIds: string[]): Promise<void> {
    await this.add(
      personIds.map((personId) => ({
        name: SEND_CANCELLATION_JOB,
        data: { exchangeId, personId },
        jobId: `cancel.${exchangeId}.${personId}`,
      })),
    );
  }

  /** Calendar updates, each once under `calendarUpdateJobId` while Redis keeps the job (a day once done). */
  async enqueueCalendarUpdates(updates: SendCalendarUpdateJob[]): Promise<void> {
    await this.add(updates.map((update) => ({ name: SEND_CALENDAR_UPDATE_JOB, data: update, jobId: calendarUpdateJobId(update) })));
  }

  private async add(jobs: Array<{ name: string; data: NotifierJob; jobId: string; delay?: number }>): Promise<void> {
    if (jobs.length === 0) return;
    const { attempts, backoffMs } = this.config.reminders;
    await this.queue.addBulk(
      jobs.map((job) => ({
        name: job.name,
        data: job.data,
        opts: {
          jobId: job.jobId,
          ...(job.delay ? { delay: job.delay } : {}),
          attempts,
          backoff: { type: 'exponential', delay: backoffMs },
          removeOnComplete: { age: 24 * 3600, count: 50_000 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /**
   * Puts a reminder whose job failed for good back on the queue with its attempts renewed: the same
   * job when Redis still keeps it failed, a new one under the same id when it has been removed.
   */
  async requeue(reminder: DeliverReminderJob): Promise<void> {
    const job = await this.queue.getJob(reminder.key);
    if (job && (await job.isFailed())) {
      await job.retry('failed', { resetAttemptsMade: true });
      return;
    }
    // Any other job under that id has finished (or never ran): make room for a new one.
    if (job) await job.remove();
    await this.enqueue([reminder]);
  }

  /** Whether a job of this key waits, is delayed, or runs: it will deliver the reminder without help. */
  async hasLiveJob(key: string): Promise<boolean> {
    const state = await this.queue.getJobState(key);
    return ['waiting', 'delayed', 'active', 'prioritized', 'waiting-children'].includes(state);
  }

  /** Job counts per state and how many workers listen: what an admin sees of the queue. */
  async counts(): Promise<{ queue: string; counts: Record<QueueState, number>; workers: number }> {
    const [counts, workers] = await Promise.all([this.queue.getJobCounts(...QUEUE_STATES), this.queue.getWorkersCount()]);
    return { queue: this.queue.name, counts: counts as Record<QueueState, number>, workers };
  }

  /** A round trip to Redis. */
  async ping(): Promise<void> {
    await this.queue.getJobCounts('waiting');
  }
}
