import type { ReminderEntity } from '@liaison/persistence';
import { Counter, Histogram } from 'prom-client';
import type { DeliveryOutcome } from './reminder-delivery.service';

/**
 * One per delivery attempt: the service's outcomes, and for an attempt that threw, `attempt-failed`
 * (it will be retried) or `failed` (the last attempt: the row is now failed). `missing` has no row,
 * hence no channel or kind (`unknown`).
 */
export type ReminderOutcome = DeliveryOutcome | 'attempt-failed' | 'failed';

// Module level: prom-client refuses a second metric of the same name in its registry, and tests run
// several notifiers (and the API) in one process.
const reminders = new Counter({
  name: 'liaison_reminders_total',
  help: 'Reminder delivery attempts by channel, reminder kind and outcome (sent, attempt-failed, failed, stale, skipped, already-done, missing, overtaken: settled by someone else while in flight)',
  labelNames: ['channel', 'kind', 'outcome'] as const,
});

const lateness = new Histogram({
  name: 'liaison_reminder_lateness_seconds',
  help: 'Seconds from the due time of a reminder to its delivery (sent time minus due time), by channel',
  labelNames: ['channel'] as const,
  buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300],
});

type Labelled = Pick<ReminderEntity, 'channel' | 'kind'>;

export function recordReminderOutcome(reminder: Labelled | null, outcome: ReminderOutcome): void {
  reminders.inc({ channel: reminder?.channel ?? 'unknown', kind: reminder?.kind ?? 'unknown', outcome });
}

export function recordReminderSent(reminder: Labelled & Pick<ReminderEntity, 'dueAt'>, sentAt: Date): void {
  recordReminderOutcome(reminder, 'sent');
  // A job may run a few milliseconds before its due time when clocks disagree: that is on time, not negative lateness.
  lateness.observe({ channel: reminder.channel }, Math.max(0, sentAt.getTime() - reminder.dueAt.getTime()) / 1000);
}
