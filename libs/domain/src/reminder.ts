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
 * deadline coming (to its assignee), breached (to the providing coordinators), escalated (senior level);
 * a senior exchange soon to start where an organisation has no accepted senior participant (to its coordinators).
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
  'attendance',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
/** A reminder not yet handed to its channel: it may still be dispatched, or cancelled. */
export const PENDING_REMINDER_STATUSES: readonly ReminderStatus[] = ['scheduled', 'queued'];

/**
 * What became of one delivery. `overtaken`: the row was settled (cancelled, say) by someone else
 * while this delivery was in flight; it keeps that status, and says on `last_error` whether the
 * message went out all the same.
 */
export type DeliveryOutcome = 'sent' | 'stale' | 'skipped' | 'already-done' | 'missing' | 'overtaken';

/**
 * A person to tell, whether they receive e-mail besides the in-app inbox, and the URL their signed
 * webhooks go to, if any; their zone and quiet hours, which decide when a reminder to them is sent.
 */
export interface Recipient {
  personId: string;
  emailEnabled: boolean;
  webhookUrl?: string | null;
  /** False for a deactivated person (a leaver). */
  active: boolean;
  /** Their IANA time zone: the one their quiet hours are read in. */
  timezone: string;
  /** `HH:mm` to `HH:mm` in `timezone` (the end before the start: across midnight); null for none. */
  quietHours: { start: string; end: string } | null;
}

/** One follow-up stage's reminders: of an action item, of a support request's deadline, or of an exchange. */
export type FollowUpStage = { kind: ReminderKind; revision: number } & (
  { actionItemId: string } | { supportRequestId: string; deadline: string } | { exchangeId: string }
);
