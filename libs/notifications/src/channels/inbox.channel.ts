import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Batcher } from '@liaison/common';
import { PersonEntity, ReminderEntity, updateReturning } from '@liaison/persistence';
import { SETTLED_REMINDER_STATUSES } from '@liaison/domain';
import { DataSource } from 'typeorm';
import type { ReminderContent } from '../delivery/reminder-content';
import { INBOX_KINDS } from './reminder-message';

interface InboxEntry {
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
 * Marks a reminder sent and puts it in the person's in-app inbox, in one statement: both happen or
 * neither, a reminder makes at most one inbox entry, and a row already sent, cancelled or skipped is
 * left as it is (SETTLED_REMINDER_STATUSES). Entries written while another write is in flight go together in the next statement.
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

@Injectable()
export class InboxChannel {
  private readonly batcher = new Batcher((entries: InboxEntry[]) => this.write(entries), { maxSize: 100, maxInFlight: 2 });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when this call marked the reminder sent; false when it had been sent, cancelled or skipped meanwhile. */
  deliver(reminder: ReminderEntity, person: PersonEntity, content: ReminderContent, deliveredAt: Date): Promise<boolean> {
    return this.batcher.call({
      reminderId: reminder.id,
      personId: person.id,
      kind: INBOX_KINDS[reminder.kind],
      exchangeId: content.exchangeId,
      supportRequestId: content.supportRequestId,
      title: content.inbox.title,
      body: content.inbox.body,
      dueAt: reminder.dueAt,
      deliveredAt,
    });
  }

  private async write(entries: InboxEntry[]): Promise<boolean[]> {
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
    // A reminder twice in one batch is marked once: only its first entry counts as sent.
    const marked = new Set(sent.map((row) => row.id));
    return entries.map((entry) => marked.delete(entry.reminderId));
  }
}
