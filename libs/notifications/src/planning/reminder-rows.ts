import { millisOf } from '@liaison/domain';
import type { Channel, Recipient, ReminderKind } from '@liaison/domain';
import type { ReminderEntity } from '@liaison/persistence';
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
 * schedule revision; those already due are `skipped`. The workflow plans every participant's with
 * it, and a delegation the delegate's (the keys make a second planning of the same row a no-op).
 */
export function exchangeReminders(recipients: Recipient[], about: ExchangeRevisionSubject, now = Date.now()): Partial<ReminderEntity>[] {
  const rows: Partial<ReminderEntity>[] = [];
  for (const offset of about.offsets) {
    const dueAt = new Date(about.startsAt.getTime() - millisOf(offset));
    for (const person of recipients) {
      for (const channel of channelsOf(person)) {
        rows.push({
          key: reminderKey({ exchangeId: about.exchangeId, revision: about.revision, offset, personId: person.personId, channel }),
          exchangeId: about.exchangeId,
          revision: about.revision,
          personId: person.personId,
          channel,
          offset,
          dueAt,
          status: dueAt.getTime() <= now ? 'skipped' : 'scheduled',
        });
      }
    }
  }
  return rows;
}

/** What a follow-up reminder is about; `actionItemId` and the item's revision for an action item. */
export interface FollowUpSubject {
  exchangeId: string;
  revision: number;
  kind: ReminderKind;
  offset: string;
  actionItemId?: string;
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
    columns: {
      exchangeId: about.exchangeId,
      actionItemId: about.actionItemId ?? null,
      revision: about.revision,
      kind: about.kind,
      offset: about.offset,
    },
  });
}

/** One stage of one revision of a support request's deadline. */
export interface SupportDeadlineSubject {
  supportRequestId: string;
  deadline: string;
  revision: number;
  kind: ReminderKind;
}

/** Reminder rows due now about a support request's deadline, one per recipient and channel. */
export function supportDeadlineReminders(recipients: Recipient[], about: SupportDeadlineSubject): Partial<ReminderEntity>[] {
  return remindersNow(recipients, {
    keyOf: (personId, channel) => supportReminderKey({ ...about, stage: about.kind, personId, channel }),
    columns: {
      exchangeId: null,
      supportRequestId: about.supportRequestId,
      revision: about.revision,
      kind: about.kind,
      offset: about.deadline,
    },
  });
}

function remindersNow(
  recipients: Recipient[],
  subject: {
    keyOf: (personId: string, channel: Channel) => string;
    columns: Pick<Partial<ReminderEntity>, 'exchangeId' | 'actionItemId' | 'supportRequestId' | 'revision' | 'kind' | 'offset'>;
  },
): Partial<ReminderEntity>[] {
  const dueAt = new Date();
  return recipients.flatMap((r) =>
    channelsOf(r).map((channel) => ({
      ...subject.columns,
      key: subject.keyOf(r.personId, channel),
      personId: r.personId,
      channel,
      dueAt,
      status: 'scheduled' as const,
    })),
  );
}
