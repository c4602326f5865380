export const REMINDER_STATUSES = ['scheduled', 'queued', 'sent', 'skipped', 'failed', 'cancelled'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];
/** Statuses a delivery leaves alone: the reminder went out, or no longer applies. (`failed` is not one: an admin may retry it.) */
export const SETTLED_REMINDER_STATUSES: readonly ReminderStatus[] = ['sent', 'cancelled', 'skipped'];
/** Statuses from which a delivery may still write its outcome (`sent`, `failed`): every status but the settled ones. */
export const DELIVERABLE_REMINDER_STATUSES: readonly ReminderStatus[] = REMINDER_STATUSES.filter(
  (status) => !SETTLED_REMINDER_STATUSES.includes(status),
);
/** Where a reminder goes: the in-app inbox (always), e-mail (when on), a signed webhook (when the person has a URL). */
export const CHANNELS = ['inapp', 'email', 'webhook'] as const;
/**
 * What a reminder is about: the exchange itself; a missed confirmation (to coordinators, then the
 * senior level); minutes not drafted in time (to the host's coordinators, then its senior level);
 * an action item due soon, overdue, or escalated to its owner's senior level; a support request's
 * deadline coming (to its assignee), breached (to the providing coordinators), escalated (senior level).
 */
export const REMINDER_KINDS = [
  'exchange',
  'confirmation',
  'escalation',
  'minutes',
  'minutes-escalation',
  'action-due',
  'action-overdue',
  'action-escalation',
  'support-reminder',
  'support-breach',
  'support-escalation',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
