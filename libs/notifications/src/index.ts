/**
 * Notifications, split by the process that uses each part; every app imports only its module:
 * - shared: the reminder queue (`QueueModule`: the Redis connection, `ReminderQueue`, and
 *   `CalendarUpdates`, which asks for the calendars to follow a reschedule or a participant change), the
 *   calendar rendering (`ics`), webhook signatures and the queue metrics;
 * - `planning/` (`ReminderPlanningModule`), for the worker's activities: reminder keys and rows,
 *   who receives them (`Recipients`, `channelsOf`) and the `ReminderDispatcher` that writes and
 *   enqueues them (the notifier's sweep dispatches through it too);
 * - `delivery/` (`NotifierModule`), for the notifier: the queue processor, the delivery service,
 *   the channels and the sweep;
 * - `digest/` (`DigestModule`), for the notifier: the morning digest's pass, queue and processor;
 * - `inbox/` (`InboxModule`), for the API: the in-app inbox and the webhook test sends.
 */
export * from './channels/ics';
export * from './channels/webhook-signature';
export { WebhookSender, WEBHOOK_TIMEOUT_MS, type WebhookResult } from './channels/webhook-sender';
export * from './queue/queue.module';
export * from './queue/reminder-queue';
export * from './queue/calendar-updates';
export * from './metrics/queue-metrics';

export * from './planning/planning.module';
export * from './planning/quiet-hours';
export * from './planning/recipients';
export * from './planning/reminder-dispatcher';
export * from './planning/reminder-key';
export * from './planning/reminder-rows';

export * from './delivery/notifier.module';

export * from './digest/digest.module';
export * from './digest/digest-pass';
export * from './digest/digest-queue';
export { DIGEST_HOUR, nextDigestDue, type DigestSchedule } from './digest/digest-schedule';
export type { DigestWaitingItem, DigestWaitingSource } from './digest/digest-content';

export * from './inbox/inbox.module';
