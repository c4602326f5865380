import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnModuleInit } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { DeliveryOutcome } from '@liaison/domain';
import type { Job } from 'bullmq';
import {
  DeliverReminderJob,
  NotifierJob,
  REMINDER_QUEUE,
  SEND_CALENDAR_UPDATE_JOB,
  SEND_CANCELLATION_JOB,
  SendCalendarUpdateJob,
  SendCancellationJob,
} from '../queue/reminder-queue';
import { CalendarDelivery } from './calendar-delivery.service';
import { ReminderDeliveryService } from './reminder-delivery.service';

/**
 * The notifier's job handler: unpacks each job and hands it to the delivery service. A job holds a
 * 10 s lock, renewed every 5 s while it runs; the jobs of a notifier that died lose theirs and are
 * taken again by another within about 15 s (BullMQ's defaults, 30 s each, made them up to a minute late).
 */
@Processor(REMINDER_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000 })
export class ReminderProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly delivery: ReminderDeliveryService,
    private readonly calendar: CalendarDelivery,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.reminders.concurrency;
  }

  async process(job: Job<NotifierJob>): Promise<DeliveryOutcome> {
    if (job.name === SEND_CANCELLATION_JOB) {
      const { exchangeId, personId } = job.data as SendCancellationJob;
      return this.calendar.sendCancellation(exchangeId, personId);
    }
    if (job.name === SEND_CALENDAR_UPDATE_JOB) return this.calendar.sendUpdate(job.data as SendCalendarUpdateJob);
    const attempts = job.opts.attempts ?? 1;
    return this.delivery.deliver((job.data as DeliverReminderJob).reminderId, {
      number: job.attemptsMade + 1,
      last: job.attemptsMade + 1 >= attempts,
    });
  }

  @OnWorkerEvent('error')
  onError(): void {
    // Connection errors are retried by the worker itself; without a listener Node would crash.
  }
}
