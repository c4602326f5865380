import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { ExchangeStatus, Marking } from '@liaison/domain';
import { tryAdvisoryLock } from '../locks';
import { updateReturning } from '../postgres';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** The advisory lock of the digest pass: one pass at a time across notifiers. */
const DIGEST_LOCK = 0x4c44_4947; // "LDIG"

/** What planning a person's digest reads: their zone and quiet hours, their organisation's working days. */
export interface DigestScheduleRow {
  personId: string;
  timezone: string;
  quietHoursStart: string | null;
  quietHoursEnd: string | null;
  weekendDays: number[];
  holidays: string[];
  /** The instant claimed (null for a person not yet planned). */
  dueAt: Date | null;
}

/** An exchange of the day, as the digest shows it. */
export interface DigestExchangeRow {
  id: string;
  title: string;
  startsAt: Date;
  durationMinutes: number;
  timezone: string;
  location: string | null;
  marking: Marking;
  status: ExchangeStatus;
}

const SCHEDULE_COLUMNS = `p.id AS "personId", p.timezone, p.quiet_hours_start AS "quietHoursStart", p.quiet_hours_end AS "quietHoursEnd",
  o.weekend_days AS "weekendDays", o.holidays, p.digest_due_at AS "dueAt"`;

/**
 * The morning digest's rows: who is due (or not yet planned), the next due instant of each, and the
 * exchanges of a person's day. The digest pass calls these in one transaction under `lockPass`.
 */
@Injectable()
export class DigestsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether this transaction holds the digest pass (false at once when another does). */
  lockPass(uow: UnitOfWork): Promise<boolean> {
    return tryAdvisoryLock(uow.manager, DIGEST_LOCK);
  }

  /** Opted-in active people whose digest is due at `now`, earliest first, locked until the transaction ends. */
  due(now: Date, limit: number, uow: UnitOfWork): Promise<DigestScheduleRow[]> {
    return uow.manager.query<DigestScheduleRow[]>(
      `SELECT ${SCHEDULE_COLUMNS} FROM people p JOIN organizations o ON o.id = p.organization_id
        WHERE p.digest_enabled AND p.deactivated_at IS NULL AND p.digest_due_at <= $1
        ORDER BY p.digest_due_at LIMIT $2 FOR UPDATE OF p SKIP LOCKED`,
      [now, limit],
    );
  }

  /** Opted-in active people with no due instant yet (just opted in, or changed their zone or quiet hours). */
  unplanned(limit: number, uow: UnitOfWork): Promise<DigestScheduleRow[]> {
    return uow.manager.query<DigestScheduleRow[]>(
      `SELECT ${SCHEDULE_COLUMNS} FROM people p JOIN organizations o ON o.id = p.organization_id
        WHERE p.digest_enabled AND p.deactivated_at IS NULL AND p.digest_due_at IS NULL
        LIMIT $1 FOR UPDATE OF p SKIP LOCKED`,
      [limit],
    );
  }

  /**
   * Sets each person's next due instant, in one statement, where the row is still what was read
   * (`expected`: its due instant then, null for an unplanned one): a PATCH that replanned the person
   * meanwhile wins. The ids set.
   */
  async setDue(plans: Array<{ personId: string; expected: Date | null; next: Date }>, uow: UnitOfWork): Promise<Set<string>> {
    if (plans.length === 0) return new Set();
    const rows = await updateReturning<{ id: string }>(
      uow.manager,
      `UPDATE people p SET digest_due_at = v.next
         FROM unnest($1::uuid[], $2::timestamptz[], $3::timestamptz[]) AS v(id, expected, next)
        WHERE p.id = v.id AND p.digest_due_at IS NOT DISTINCT FROM v.expected
        RETURNING p.id`,
      [plans.map((p) => p.personId), plans.map((p) => p.expected), plans.map((p) => p.next)],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Sets one person's due instant: for tests and benchmarks that make a person due now. */
  async setDueAt(personId: string, at: Date | null, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).query(`UPDATE people SET digest_due_at = $2 WHERE id = $1`, [personId, at]);
  }

  /** The person's due instant and whether they opted in (null when there is no such person). */
  async stateOf(personId: string): Promise<{ enabled: boolean; dueAt: Date | null } | null> {
    const [row] = await this.dataSource.query<Array<{ enabled: boolean; dueAt: Date | null }>>(
      `SELECT digest_enabled AS enabled, digest_due_at AS "dueAt" FROM people WHERE id = $1`,
      [personId],
    );
    return row ?? null;
  }

  /** The exchanges the person takes part in that start in [from, to), not cancelled, by start. */
  exchangesOf(personId: string, from: Date, to: Date): Promise<DigestExchangeRow[]> {
    return this.dataSource.query<DigestExchangeRow[]>(
      `SELECT e.id, e.title, e.starts_at AS "startsAt", e.duration_minutes AS "durationMinutes", e.timezone, e.location, e.marking, e.status
         FROM exchange_participants ep JOIN exchanges e ON e.id = ep.exchange_id
        WHERE ep.person_id = $1 AND e.starts_at >= $2 AND e.starts_at < $3 AND e.status <> 'cancelled'
        ORDER BY e.starts_at, e.id`,
      [personId, from, to],
    );
  }
}
