import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ReminderEntity, updateReturning } from '@liaison/persistence';
import { Channel, ReminderKind } from '@liaison/domain';
import { DataSource, EntityManager, FindOptionsWhere, IsNull } from 'typeorm';
import { actionItemReminderKey, reminderKey, supportReminderKey } from '../reminder-key';
import { ReminderQueue } from './reminder-queue';

/** A reminder not yet handed to its channel: it may still be dispatched, or cancelled. */
export const PENDING_REMINDER_STATUSES = ['scheduled', 'queued'];

/**
 * A person to tell, whether they receive e-mail besides the in-app inbox, and the URL their signed
 * webhooks go to, if any. Queries select it with `recipientColumns()` (recipients.ts).
 */
export interface Recipient {
  personId: string;
  emailEnabled: boolean;
  webhookUrl?: string | null;
  /** False for a deactivated person (a leaver). */
  active: boolean;
}

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

/**
 * Writes reminder rows and hands them to the queue. Rows are keyed: writing or dispatching the same
 * reminder again (an activity retried by Temporal) changes nothing.
 */
@Injectable()
export class ReminderDispatcher {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: ReminderQueue,
  ) {}

  /**
   * Inserts the rows that do not exist yet (by key), in `manager`'s transaction when given, so that
   * they commit with the state change they follow from; returns the keys it inserted.
   */
  async write(rows: Partial<ReminderEntity>[], manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    if (rows.length === 0) return [];
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ReminderEntity)
      .values(rows)
      .orIgnore()
      .returning(['key'])
      .updateEntity(false)
      .execute();
    return (inserted.raw as Array<{ key: string }>).map((row) => row.key);
  }

  /**
   * Marks the pending reminders among `keys` queued and enqueues one job each, the key as job id;
   * one not due yet waits in the queue as a delayed job until its due time.
   */
  async dispatch(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const rows = await updateReturning<{ id: string; key: string; due_at: Date }>(
      this.dataSource,
      `UPDATE reminders SET status = 'queued', queued_at = COALESCE(queued_at, now()), updated_at = now()
        WHERE key = ANY($1) AND status = ANY($2) RETURNING id, key, due_at`,
      [keys, PENDING_REMINDER_STATUSES],
    );
    await this.queue.enqueue(rows.map((row) => ({ reminderId: row.id, key: row.key, dueAt: row.due_at })));
    return rows.length;
  }

  /**
   * Dispatches the pending rows of one follow-up stage, written earlier in the transaction that
   * recorded the stage: the rows are the outbox, this the relay. Run after every attempt of the
   * stage's activity, the first or a retry (the worker died between the commit and the dispatch);
   * rows queued already are queued again under the same job id, which BullMQ ignores. The sweep
   * dispatches whatever no attempt did.
   */
  async dispatchStage(stage: FollowUpStage): Promise<number> {
    const where: FindOptionsWhere<ReminderEntity> =
      'actionItemId' in stage
        ? { actionItemId: stage.actionItemId, revision: stage.revision, kind: stage.kind }
        : 'supportRequestId' in stage
          ? { supportRequestId: stage.supportRequestId, offset: stage.deadline, revision: stage.revision, kind: stage.kind }
          : { exchangeId: stage.exchangeId, actionItemId: IsNull(), revision: stage.revision, kind: stage.kind };
    const rows = await this.dataSource.getRepository(ReminderEntity).find({ where, select: { id: true, key: true } });
    return this.dispatch(rows.map((row) => row.key));
  }
}

/** One stage whose reminders `dispatchStage` hands over: of an action item, of a support request's deadline, or of an exchange. */
export type FollowUpStage = { kind: ReminderKind; revision: number } & (
  { actionItemId: string } | { supportRequestId: string; deadline: string } | { exchangeId: string }
);

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
