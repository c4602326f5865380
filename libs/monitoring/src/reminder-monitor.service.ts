import { Injectable, Logger } from '@nestjs/common';
import { actorOf, AuditService, Principal } from '@liaison/access';
import { decodeCursor, DomainError, encodeCursor, Page } from '@liaison/common';
import { ReminderQueue } from '@liaison/notifications';
import { MonitoredReminderRow, MonitoringRepository, Transactions } from '@liaison/persistence';
import type { AdminReminder, ReminderFilter } from './monitoring.types';

/** Reminder rows for admins (failed ones above all), and the retry of a failed one. */
@Injectable()
export class ReminderMonitor {
  private readonly logger = new Logger(ReminderMonitor.name);

  constructor(
    private readonly rows: MonitoringRepository,
    private readonly transactions: Transactions,
    private readonly queue: ReminderQueue,
    private readonly audit: AuditService,
  ) {}

  /** Newest due first, keyset-paged on (due time, id). */
  async list(filter: ReminderFilter): Promise<Page<AdminReminder>> {
    const before = filter.cursor ? decodeCursor(filter.cursor) : undefined;
    const rows = await this.rows.reminders(
      {
        status: filter.status,
        channel: filter.channel,
        kind: filter.kind,
        before: before ? { dueAt: new Date(before.sort), id: before.id } : undefined,
      },
      filter.limit + 1,
    );
    const items = rows.slice(0, filter.limit).map(toAdminReminder);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor({ sort: last.dueAt, id: last.id }) : null };
  }

  async get(id: string): Promise<AdminReminder> {
    const row = await this.rows.reminder(id);
    if (!row) throw DomainError.notFound('REMINDER.NOT_FOUND', `reminder ${id} not found`);
    return toAdminReminder(row);
  }

  /**
   * Puts a failed reminder back on the queue with fresh attempts; 409 unless it is failed. The row
   * turns `queued` in the same statement that checks it, so two admins clicking at once retry once.
   * The notifier re-checks, as for any delivery, that the reminder is still current.
   */
  async retry(id: string, principal: Principal): Promise<AdminReminder> {
    const claimed = await this.transactions.run(async (uow) => {
      const row = await this.rows.requeueFailedReminder(id, uow);
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
        uow,
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

function toAdminReminder(row: MonitoredReminderRow): AdminReminder {
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
