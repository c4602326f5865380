import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actorOf, AuditService, Principal } from '@liaison/access';
import { decodeCursor, DomainError, encodeCursor, Page } from '@liaison/common';
import { ReminderQueue } from '@liaison/notifications';
import { updateReturning } from '@liaison/persistence';
import { DataSource } from 'typeorm';
import type { AdminReminder, ReminderFilter } from './monitoring.types';

interface Row {
  id: string;
  key: string;
  kind: string;
  channel: string;
  status: string;
  due_at: Date;
  sent_at: Date | null;
  attempts: number;
  last_error: string | null;
  updated_at: Date;
  person_id: string;
  person_name: string;
  organization: string;
  exchange_id: string | null;
  support_request_id: string | null;
  title: string;
}

const SELECT = `
  SELECT r.id, r.key, r.kind, r.channel, r.status, r.due_at, r.sent_at, r.attempts, r.last_error, r.updated_at,
         p.id AS person_id, p.name AS person_name, o.code AS organization,
         r.exchange_id, r.support_request_id, coalesce(e.title, s.title) AS title
    FROM reminders r
    JOIN people p ON p.id = r.person_id
    JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN exchanges e ON e.id = r.exchange_id
    LEFT JOIN support_requests s ON s.id = r.support_request_id`;

/** Reminder rows for admins (failed ones above all), and the retry of a failed one. */
@Injectable()
export class ReminderMonitor {
  private readonly logger = new Logger(ReminderMonitor.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queue: ReminderQueue,
    private readonly audit: AuditService,
  ) {}

  /** Newest due first, keyset-paged on (due time, id). */
  async list(filter: ReminderFilter): Promise<Page<AdminReminder>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.status) add((n) => `r.status = ${n}`, filter.status);
    if (filter.channel) add((n) => `r.channel = ${n}`, filter.channel);
    if (filter.kind) add((n) => `r.kind = ${n}`, filter.kind);
    if (filter.cursor) {
      const { sort, id } = decodeCursor(filter.cursor);
      params.push(new Date(sort), id);
      where.push(`(r.due_at, r.id) < ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const rows = await this.dataSource.query<Row[]>(
      `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.due_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, filter.limit).map(toAdminReminder);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor({ sort: last.dueAt, id: last.id }) : null };
  }

  async get(id: string): Promise<AdminReminder> {
    const [row] = await this.dataSource.query<Row[]>(`${SELECT} WHERE r.id = $1`, [id]);
    if (!row) throw DomainError.notFound('REMINDER.NOT_FOUND', `reminder ${id} not found`);
    return toAdminReminder(row);
  }

  /**
   * Puts a failed reminder back on the queue with fresh attempts; 409 unless it is failed. The row
   * turns `queued` in the same statement that checks it, so two admins clicking at once retry once.
   * The notifier re-checks, as for any delivery, that the reminder is still current.
   */
  async retry(id: string, principal: Principal): Promise<AdminReminder> {
    const claimed = await this.dataSource.transaction(async (manager) => {
      const [row] = await updateReturning<{ key: string; attempts: number; last_error: string | null }>(
        manager,
        `UPDATE reminders SET status = 'queued', queued_at = now(), updated_at = now()
          WHERE id = $1 AND status = 'failed' RETURNING key, attempts, last_error`,
        [id],
      );
      if (!row) return undefined;
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'reminder.retried',
          entityType: 'reminder',
          entityId: id,
          fromState: 'failed',
          toState: 'queued',
          details: { attempts: row.attempts, lastError: row.last_error },
        },
        manager,
      );
      return row;
    });
    if (!claimed) {
      const current = await this.get(id);
      throw DomainError.conflict('REMINDER.NOT_FAILED', `cannot retry: the reminder is ${current.status}`);
    }
    await this.queue.requeue({ reminderId: id, key: claimed.key });
    this.logger.log({ reminderId: id, reminderKey: claimed.key }, 'failed reminder put back on the queue');
    return this.get(id);
  }
}

function toAdminReminder(row: Row): AdminReminder {
  return {
    id: row.id,
    key: row.key,
    kind: row.kind,
    channel: row.channel,
    status: row.status,
    dueAt: row.due_at.toISOString(),
    sentAt: row.sent_at?.toISOString() ?? null,
    attempts: row.attempts,
    lastError: row.last_error,
    person: { id: row.person_id, name: row.person_name, organization: row.organization },
    about: row.exchange_id
      ? { type: 'exchange', id: row.exchange_id, title: row.title }
      : { type: 'support-request', id: row.support_request_id ?? '', title: row.title },
    updatedAt: row.updated_at.toISOString(),
  };
}
