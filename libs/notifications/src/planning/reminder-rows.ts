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
