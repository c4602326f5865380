import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { SETTLED_REMINDER_STATUSES } from '@liaison/domain';
import { DataSource } from 'typeorm';
import { NotificationEntity } from '../entities';
import { keysetPage } from '../keyset';
import { updateReturning } from '../postgres';

/** One reminder as it goes into a person's in-app inbox. */
export interface InboxEntry {
  reminderId: string;
  personId: string;
  kind: string;
  exchangeId: string | null;
  supportRequestId: string | null;
  title: string;
  body: string;
  dueAt: Date;
  deliveredAt: Date;
}

/**
 * Marks reminders sent and puts them in their persons' in-app inboxes, in one statement: both happen
 * or neither, a reminder makes at most one inbox entry, and a row already sent, cancelled or skipped
 * is left as it is (SETTLED_REMINDER_STATUSES).
 */
const DELIVER_TO_INBOX = `
  WITH entry AS (
    SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[], $9::timestamptz[])
      AS e(reminder_id, person_id, kind, exchange_id, support_request_id, title, body, due_at, delivered_at)
  ), sent AS (
    UPDATE reminders r
       SET status = 'sent', sent_at = entry.delivered_at, attempts = r.attempts + 1, last_error = NULL, updated_at = now()
      FROM entry
     WHERE r.id = entry.reminder_id AND r.status <> ALL($10::text[])
    RETURNING r.id
  ), inbox AS (
    INSERT INTO notifications (person_id, kind, exchange_id, support_request_id, reminder_id, title, body, due_at, delivered_at)
    SELECT entry.person_id, entry.kind, entry.exchange_id, entry.support_request_id, entry.reminder_id, entry.title, entry.body, entry.due_at, entry.delivered_at
      FROM entry JOIN sent ON sent.id = entry.reminder_id
    ON CONFLICT (reminder_id) DO NOTHING
  )
  SELECT id FROM sent`;

/** The in-app inbox (table `notifications`): its entries are written with the reminder they deliver. */
@Injectable()
export class NotificationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Delivers the entries in one statement; returns the ids of the reminders it marked sent. */
  async deliverToInbox(entries: InboxEntry[]): Promise<string[]> {
    const column = <K extends keyof InboxEntry>(key: K) => entries.map((entry) => entry[key]);
    const sent = await updateReturning<{ id: string }>(this.dataSource, DELIVER_TO_INBOX, [
      column('reminderId'),
      column('personId'),
      column('kind'),
      column('exchangeId'),
      column('supportRequestId'),
      column('title'),
      column('body'),
      column('dueAt'),
      column('deliveredAt'),
      SETTLED_REMINDER_STATUSES,
    ]);
    return sent.map((row) => row.id);
  }

  /** One page of a person's inbox, newest first; only the unread entries when `unread`. */
  pageOf(
    personId: string,
    query: { unread?: boolean; limit: number; cursor?: string },
  ): Promise<{ rows: NotificationEntity[]; nextCursor: string | null }> {
    const qb = this.dataSource.getRepository(NotificationEntity).createQueryBuilder('n').where('n.person_id = :personId', { personId });
    if (query.unread) qb.andWhere('n.read_at IS NULL');
    return keysetPage(qb, {
      column: 'n.delivered_at',
      value: (n) => n.deliveredAt,
      idColumn: 'n.id',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
  }

  /** Marks the person's entry read (once: a second read keeps the first time); null when they have no such entry. */
  async markRead(personId: string, id: string): Promise<NotificationEntity | null> {
    const repository = this.dataSource.getRepository(NotificationEntity);
    await repository
      .createQueryBuilder()
      .update()
      .set({ readAt: () => 'COALESCE(read_at, now())' })
      .where('id = :id AND person_id = :personId', { id, personId })
      .execute();
    return repository.findOneBy({ id, personId });
  }

  /** In-app notices that deliver no reminder (a subscription disabled, say), one per person. */
  async addNotices(notices: Array<{ personId: string; kind: string; title: string; body: string }>): Promise<void> {
    if (notices.length === 0) return;
    await this.dataSource.getRepository(NotificationEntity).insert(
      notices.map((notice) => ({
        ...notice,
        exchangeId: null,
        supportRequestId: null,
        reminderId: null,
        dueAt: null,
        deliveredAt: new Date(),
      })),
    );
  }
}
