import { millisOf } from '@liaison/domain';
import type { Channel, Recipient, ReminderKind } from '@liaison/domain';
import type { ReminderEntity } from '@liaison/persistence';
import { deferForQuietHours, quietHoursOf } from './quiet-hours';
import { actionItemReminderKey, reminderKey, supportReminderKey } from './reminder-key';

/**
 * The one place that decides a person's channels: in-app always, e-mail when on, webhook when a URL
 * is set; none at all for a deactivated person, so no reminder to them is planned.
 */
export function channelsOf(recipient: Recipient): Channel[] {
  if (!recipient.active) return [];
  const channels: Channel[] = ['inapp'];
  if (recipient.emailEnabled) channels.push('email');
  if (recipient.webhookUrl) channels.push('webhook');
  return channels;
}

/** One schedule revision of an exchange, as its reminders before the start are planned from it. */
export interface ExchangeRevisionSubject {
  exchangeId: string;
  revision: number;
  startsAt: Date;
  /** The exchange's `reminderOffsets`: ISO 8601 durations before the start. */
  offsets: string[];
}

/**
 * The reminder rows before an exchange's start, one per offset, recipient and channel, for one
 * schedule revision; those already due are `skipped`. A row due in its person's quiet hours is due
 * when they end, or just before they began if they end after the start (`deferForQuietHours`). The
 * workflow plans every participant's with it, and a delegation the delegate's (the keys make a
 * second planning of the same row a no-op).
 */
export function exchangeReminders(recipients: Recipient[], about: ExchangeRevisionSubject, now = Date.now()): Partial<ReminderEntity>[] {
  const rows: Partial<ReminderEntity>[] = [];
  for (const offset of about.offsets) {
    const due = new Date(about.startsAt.getTime() - millisOf(offset));
    const passed = due.getTime() <= now;
    for (const person of recipients) {
      const dueAt = passed ? due : deferForQuietHours(due, quietHoursOf(person), about.startsAt, new Date(now));
      for (const channel of channelsOf(person)) {
        rows.push({
          key: reminderKey({ exchangeId: about.exchangeId, revision: about.revision, offset, personId: person.personId, channel }),
          exchangeId: about.exchangeId,
          revision: about.revision,
          personId: person.personId,
          channel,
          offset,
          dueAt,
          status: passed ? 'skipped' : 'scheduled',
        });
      }
    }
  }
  return rows;
}

/**
 * What a follow-up reminder is about; `actionItemId` and the item's revision for an action item.
 * `before`: when what it reminds of starts (the exchange's start, the item's due time), which a
 * reminder deferred by quiet hours must not pass; none for a reminder that something is overdue.
 */
export interface FollowUpSubject {
  exchangeId: string;
  revision: number;
  kind: ReminderKind;
  offset: string;
  actionItemId?: string;
  before?: Date | null;
}

/**
 * Reminder rows due now, one per recipient and channel, for a follow-up stage (a missed deadline,
 * an action item). Keys: the action item's when there is one, else the exchange's with the kind as slot.
 */
export function followUpReminders(recipients: Recipient[], about: FollowUpSubject): Partial<ReminderEntity>[] {
  return remindersNow(recipients, {
    keyOf: (personId, channel) =>
      about.actionItemId
        ? actionItemReminderKey({ actionItemId: about.actionItemId, revision: about.revision, stage: about.kind, personId, channel })
        : reminderKey({ exchangeId: about.exchangeId, revision: about.revision, offset: about.kind, personId, channel }),
    before: about.before,
    columns: {
      exchangeId: about.exchangeId,
      actionItemId: about.actionItemId ?? null,
      revision: about.revision,
      kind: about.kind,
      offset: about.offset,
    },
  });
}

/** One stage of one revision of a support request's deadline; `before`: the deadline, for a reminder ahead of it. */
export interface SupportDeadlineSubject {
  supportRequestId: string;
  deadline: string;
  revision: number;
  kind: ReminderKind;
  before?: Date | null;
}

/** Reminder rows due now about a support request's deadline, one per recipient and channel. */
export function supportDeadlineReminders(recipients: Recipient[], about: SupportDeadlineSubject): Partial<ReminderEntity>[] {
  return remindersNow(recipients, {
    keyOf: (personId, channel) => supportReminderKey({ ...about, stage: about.kind, personId, channel }),
    before: about.before,
    columns: {
      exchangeId: null,
      supportRequestId: about.supportRequestId,
      revision: about.revision,
      kind: about.kind,
      offset: about.deadline,
    },
  });
}

/** Rows due now, or, for a recipient in their quiet hours, when `deferForQuietHours` says (bounded by `before`). */
function remindersNow(
  recipients: Recipient[],
  subject: {
    keyOf: (personId: string, channel: Channel) => string;
    before?: Date | null;
    columns: Pick<Partial<ReminderEntity>, 'exchangeId' | 'actionItemId' | 'supportRequestId' | 'revision' | 'kind' | 'offset'>;
  },
): Partial<ReminderEntity>[] {
  const now = new Date();
  return recipients.flatMap((r) => {
    const dueAt = deferForQuietHours(now, quietHoursOf(r), subject.before, now);
    return channelsOf(r).map((channel) => ({
      ...subject.columns,
      key: subject.keyOf(r.personId, channel),
      personId: r.personId,
      channel,
      dueAt,
      status: 'scheduled' as const,
    }));
  });
}
