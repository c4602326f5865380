import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { updateReturning } from '../postgres';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** The business row behind a workflow, as the admin monitoring shows it. */
export interface MonitoredRow {
  id: string;
  title: string;
  status: string;
  updated_at: Date;
}

export interface MonitoredExchangeRow extends MonitoredRow {
  starts_at: Date;
  ends_at: Date;
  /** The latest minutes version, null when none was written. */
  minutes_version: number | null;
}

export interface MonitoredSupportRequestRow extends MonitoredRow {
  /** The kind of its next unmet deadline, if any. */
  deadline: string | null;
  due_at: Date | null;
  paused: boolean | null;
}

/** One exchange once per participating organisation, for the admin page's timeline. */
export interface UpcomingExchangeRow {
  id: string;
  title: string;
  status: string;
  starts_at: Date;
  duration_minutes: number;
  organization: string;
  organization_name: string;
  host: boolean;
}

/** Lateness of the reminders sent in one UTC hour (`hour` null: over all of them), in seconds. */
export interface LatenessRow {
  hour: Date | null;
  sent: number;
  p50: number;
  p95: number;
  max: number;
}

/** A reminder with its person, organisation and what it is about, for admins. */
export interface MonitoredReminderRow {
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

export interface MonitoredReminderFilter {
  status?: string;
  channel?: string;
  kind?: string;
  /** Only reminders before this (due time, id) in newest-due-first order. */
  before?: { dueAt: Date; id: string };
}

const REMINDER_SELECT = `
  SELECT r.id, r.key, r.kind, r.channel, r.status, r.due_at, r.sent_at, r.attempts, r.last_error, r.updated_at,
         p.id AS person_id, p.name AS person_name, o.code AS organization,
         r.exchange_id, r.support_request_id, coalesce(e.title, s.title) AS title
    FROM reminders r
    JOIN people p ON p.id = r.person_id
    JOIN organizations o ON o.id = p.organization_id
    LEFT JOIN exchanges e ON e.id = r.exchange_id
    LEFT JOIN support_requests s ON s.id = r.support_request_id`;

/**
 * What admin monitoring reads straight from Postgres: the rows behind workflows (one query per kind,
 * never one per workflow), the admin page's timeline and reminder lateness, and reminders for admins
 * with the retry of a failed one.
 */
@Injectable()
export class MonitoringRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  exchanges(ids: string[]): Promise<MonitoredExchangeRow[]> {
    return this.dataSource.query(
      `SELECT e.id, e.title, e.status, e.updated_at, e.starts_at,
              e.starts_at + make_interval(mins => e.duration_minutes) AS ends_at,
              (SELECT max(m.version) FROM minutes_versions m WHERE m.exchange_id = e.id) AS minutes_version
         FROM exchanges e WHERE e.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  series(ids: string[]): Promise<MonitoredRow[]> {
    return this.dataSource.query(`SELECT id, title, status, updated_at FROM series WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /** Support requests, each with its next unmet deadline. */
  supportRequests(ids: string[]): Promise<MonitoredSupportRequestRow[]> {
    return this.dataSource.query(
      `SELECT r.id, r.title, r.status, r.updated_at, d.kind AS deadline, d.due_at, d.paused_at IS NOT NULL AS paused
         FROM support_requests r
         LEFT JOIN LATERAL (
           SELECT kind, due_at, paused_at FROM support_request_deadlines
            WHERE support_request_id = r.id AND met_at IS NULL ORDER BY due_at LIMIT 1
         ) d ON true
        WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /** Exchanges not cancelled starting in [from, to), once per participating organisation, at most `limit` rows. */
  upcomingExchanges(from: Date, to: Date, limit: number): Promise<UpcomingExchangeRow[]> {
    return this.dataSource.query(
      `SELECT e.id, e.title, e.status, e.starts_at, e.duration_minutes,
              o.code AS organization, o.name AS organization_name, e.host_organization_id = o.id AS host
         FROM exchanges e
         JOIN exchange_organizations eo ON eo.exchange_id = e.id
         JOIN organizations o ON o.id = eo.organization_id
        WHERE e.status <> 'cancelled' AND e.starts_at >= $1 AND e.starts_at < $2
        ORDER BY o.code, e.starts_at, e.id
        LIMIT $3`,
      [from, to, limit],
    );
  }

  /**
   * p50, p95 and max lateness of the reminders sent since `since`, per UTC hour and overall (the
   * empty grouping set, which yields a row with count 0 even when nothing was sent), in one query.
   */
  reminderLateness(since: Date): Promise<LatenessRow[]> {
    return this.dataSource.query(
      `SELECT date_trunc('hour', sent_at, 'UTC') AS hour, count(*)::int AS sent,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness) AS p50,
              percentile_cont(0.95) WITHIN GROUP (ORDER BY lateness) AS p95,
              max(lateness) AS max
         FROM (SELECT sent_at, extract(epoch FROM sent_at - due_at)::float8 AS lateness
                 FROM reminders WHERE status = 'sent' AND sent_at >= $1) sent
        GROUP BY GROUPING SETS ((date_trunc('hour', sent_at, 'UTC')), ())`,
      [since],
    );
  }

  /** Reminders matching `filter`, newest due first (then id), at most `limit`. */
  reminders(filter: MonitoredReminderFilter, limit: number): Promise<MonitoredReminderRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.status) add((n) => `r.status = ${n}`, filter.status);
    if (filter.channel) add((n) => `r.channel = ${n}`, filter.channel);
    if (filter.kind) add((n) => `r.kind = ${n}`, filter.kind);
    if (filter.before) {
      params.push(filter.before.dueAt, filter.before.id);
      where.push(`(r.due_at, r.id) < ($${params.length - 1}, $${params.length}::uuid)`);
    }
    params.push(limit);
    return this.dataSource.query(
      `${REMINDER_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY r.due_at DESC, r.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async reminder(id: string): Promise<MonitoredReminderRow | undefined> {
    const [row] = await this.dataSource.query<MonitoredReminderRow[]>(`${REMINDER_SELECT} WHERE r.id = $1`, [id]);
    return row;
  }

  /**
   * Turns a failed reminder `queued` again, in the statement that checks it is failed (so two admins
   * clicking at once retry it once); undefined when it was not failed.
   */
  async requeueFailedReminder(
    id: string,
    uow?: UnitOfWork,
  ): Promise<{ key: string; attempts: number; last_error: string | null } | undefined> {
    const [row] = await updateReturning<{ key: string; attempts: number; last_error: string | null }>(
      managerOf(this.dataSource, uow),
      `UPDATE reminders SET status = 'queued', queued_at = now(), updated_at = now()
        WHERE id = $1 AND status = 'failed' RETURNING key, attempts, last_error`,
      [id],
    );
    return row;
  }
}
