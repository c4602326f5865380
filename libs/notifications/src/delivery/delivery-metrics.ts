import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@liaison/common';
import type { DeliveryOutcome } from '@liaison/domain';
import type { ReminderEntity } from '@liaison/persistence';
import { Counter, Histogram, Registry } from 'prom-client';

/**
 * One per delivery attempt: the service's outcomes, and for an attempt that threw, `attempt-failed`
 * (it will be retried) or `failed` (the last attempt: the row is now failed). `missing` has no row,
 * hence no channel or kind (`unknown`).
 */
export type ReminderOutcome = DeliveryOutcome | 'attempt-failed' | 'failed';

type Labelled = Pick<ReminderEntity, 'channel' | 'kind'>;

/** The notifier's delivery counters, on its app's /metrics registry. */
@Injectable()
export class DeliveryMetrics {
  private readonly reminders: Counter<'channel' | 'kind' | 'outcome'>;
  private readonly lateness: Histogram<'channel'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.reminders = new Counter({
      name: 'liaison_reminders_total',
      help: 'Reminder delivery attempts by channel, reminder kind and outcome (sent, attempt-failed, failed, stale, skipped, already-done, missing, overtaken: settled by someone else while in flight)',
      labelNames: ['channel', 'kind', 'outcome'] as const,
      registers: [registry],
    });
    this.lateness = new Histogram({
      name: 'liaison_reminder_lateness_seconds',
      help: 'Seconds from the due time of a reminder to its delivery (sent time minus due time), by channel',
      labelNames: ['channel'] as const,
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
      registers: [registry],
    });
  }

  recordReminderOutcome(reminder: Labelled | null, outcome: ReminderOutcome): void {
    this.reminders.inc({ channel: reminder?.channel ?? 'unknown', kind: reminder?.kind ?? 'unknown', outcome });
  }

  recordReminderSent(reminder: Labelled & Pick<ReminderEntity, 'dueAt'>, sentAt: Date): void {
    this.recordReminderOutcome(reminder, 'sent');
    // A job may run a few milliseconds before its due time when clocks disagree: that is on time, not negative lateness.
    this.lateness.observe({ channel: reminder.channel }, Math.max(0, sentAt.getTime() - reminder.dueAt.getTime()) / 1000);
  }
}
