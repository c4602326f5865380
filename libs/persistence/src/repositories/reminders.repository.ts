import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DELIVERABLE_REMINDER_STATUSES, FollowUpStage, PENDING_REMINDER_STATUSES, ReminderStatus } from '@liaison/domain';
import { DataSource, FindOptionsWhere, In, IsNull } from 'typeorm';
import { ReminderEntity } from '../entities';
import { keysetPage } from '../keyset';
import { tryAdvisoryLock } from '../locks';
import { updateReturning } from '../postgres';
import { JoinedRead } from './joined-read';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** The advisory lock that lets one sweeper at a time run, whatever the number of notifiers. */
const SWEEP_LOCK = 0x4c53_5745; // "LSWE"

/** The rows a delivery may still write its outcome on: those not settled meanwhile. */
const stillDeliverable = (id: string) => ({ id, status: In([...DELIVERABLE_REMINDER_STATUSES]) });

/** Reminder rows (table `reminders`): written by key, queued, delivered, settled, cancelled and swept. */
@Injectable()
export class RemindersRepository {
  /** The read every delivery starts with (see withSubjects). */
  private readonly subjects: JoinedRead<ReminderEntity>;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.subjects = new JoinedRead(dataSource, ReminderEntity, { person: { organization: true }, exchange: true, actionItem: true });
  }

  /** Inserts the rows whose key does not exist yet; returns the keys it inserted. */
  async insertNew(rows: Partial<ReminderEntity>[], uow?: UnitOfWork): Promise<string[]> {
    const inserted = await managerOf(this.dataSource, uow)
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

  /** Marks the pending reminders among `keys` queued; returns the rows it marked. */
  async markQueued(keys: string[], uow?: UnitOfWork): Promise<Array<{ id: string; key: string; dueAt: Date }>> {
    const rows = await updateReturning<{ id: string; key: string; due_at: Date }>(
      managerOf(this.dataSource, uow),
      `UPDATE reminders SET status = 'queued', queued_at = COALESCE(queued_at, now()), updated_at = now()
        WHERE key = ANY($1) AND status = ANY($2) RETURNING id, key, due_at`,
      [keys, PENDING_REMINDER_STATUSES],
    );
    return rows.map((row) => ({ id: row.id, key: row.key, dueAt: row.due_at }));
  }

  /** The keys of one follow-up stage's rows. */
  async keysOfStage(stage: FollowUpStage, uow?: UnitOfWork): Promise<string[]> {
    const where: FindOptionsWhere<ReminderEntity> =
      'actionItemId' in stage
        ? { actionItemId: stage.actionItemId, revision: stage.revision, kind: stage.kind }
        : 'supportRequestId' in stage
          ? { supportRequestId: stage.supportRequestId, offset: stage.deadline, revision: stage.revision, kind: stage.kind }
          : { exchangeId: stage.exchangeId, actionItemId: IsNull(), revision: stage.revision, kind: stage.kind };
    const rows = await managerOf(this.dataSource, uow).find(ReminderEntity, { where, select: { id: true, key: true } });
    return rows.map((row) => row.key);
  }

  /** Cancels the exchange's pending reminders (of revisions before `beforeRevision`, when given); returns how many. */
  async cancelPendingOfExchange(exchangeId: string, beforeRevision: number | undefined, uow?: UnitOfWork): Promise<number> {
    const rows = await updateReturning(
      managerOf(this.dataSource, uow),
      `UPDATE reminders SET status = 'cancelled', updated_at = now()
        WHERE exchange_id = $1 AND status = ANY($2) AND ($3::int IS NULL OR revision < $3)
        RETURNING id`,
      [exchangeId, PENDING_REMINDER_STATUSES, beforeRevision ?? null],
    );
    return rows.length;
  }

  /** The exchange's reminders of one schedule revision still `scheduled`, soonest due first. */
  scheduledOfExchange(exchangeId: string, revision: number): Promise<ReminderEntity[]> {
    return this.dataSource.getRepository(ReminderEntity).find({
      where: { exchangeId, revision, status: 'scheduled' },
      order: { dueAt: 'ASC' },
    });
  }

  /** One page of the exchange's reminders by due time, each with its person's id and organisation. */
  pageOfExchange(
    exchangeId: string,
    page: { limit: number; cursor?: string },
  ): Promise<{ rows: ReminderEntity[]; nextCursor: string | null }> {
    const qb = this.dataSource
      .getRepository(ReminderEntity)
      .createQueryBuilder('r')
      .innerJoin('r.person', 'p')
      .addSelect(['p.id', 'p.organizationId'])
      .where('r.exchange_id = :id', { id: exchangeId });
    return keysetPage(qb, {
      column: 'r.due_at',
      value: (r) => r.dueAt,
      idColumn: 'r.id',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
  }

  /** The reminders with their person and organisation, and their exchange and action item when they have them, in one joined query. */
  withSubjects(ids: string[]): Promise<ReminderEntity[]> {
    return this.subjects.byIds(ids);
  }

  /** Settles a reminder still in `from` without sending it (`skipped`, `cancelled`), saying why. */
  async settleUnsent(id: string, from: ReminderStatus, to: 'skipped' | 'cancelled', reason: string): Promise<void> {
    await this.dataSource.getRepository(ReminderEntity).update({ id, status: from }, { status: to, lastError: reason });
  }

  /** Counts an attempt, only while the row still wants delivering; false when it was settled since. */
  async countAttempt(id: string): Promise<boolean> {
    const counted = await this.dataSource.getRepository(ReminderEntity).increment(stillDeliverable(id), 'attempts', 1);
    return !!counted.affected;
  }

  /** `sent`, only over a status a delivery may leave; false when the row was settled meanwhile. */
  async markSent(id: string, sentAt: Date): Promise<boolean> {
    const marked = await this.dataSource
      .getRepository(ReminderEntity)
      .update(stillDeliverable(id), { status: 'sent', sentAt, lastError: null });
    return !!marked.affected;
  }

  /**
   * Records a failed attempt on a row that still wants delivering (counting it when `countAttempt`,
   * `failed` when `final`); false when the row was settled meanwhile.
   */
  async recordFailure(id: string, failure: { error: string; countAttempt: boolean; final: boolean }): Promise<boolean> {
    const recorded = await this.dataSource.getRepository(ReminderEntity).update(stillDeliverable(id), {
      lastError: failure.error,
      ...(failure.countAttempt ? { attempts: () => 'attempts + 1' } : {}),
      ...(failure.final ? { status: 'failed' as const } : {}),
    });
    return !!recorded.affected;
  }

  /** The reminder's status now, or null when its row is gone. */
  async statusOf(id: string): Promise<ReminderStatus | null> {
    const now = await this.dataSource.getRepository(ReminderEntity).findOne({ where: { id }, select: { id: true, status: true } });
    return now?.status ?? null;
  }

  /** Writes `last_error` on a row still in `status`. */
  async noteError(id: string, status: ReminderStatus, lastError: string): Promise<void> {
    await this.dataSource.getRepository(ReminderEntity).update({ id, status }, { lastError });
  }

  /** Whether this transaction got the sweep's advisory lock (held until it ends); false when another holds it. */
  lockSweep(uow: UnitOfWork): Promise<boolean> {
    return tryAdvisoryLock(uow.manager, SWEEP_LOCK);
  }

  /** Reminders still `scheduled` or `queued` `graceMs` after their due time, oldest due first. */
  overdue(graceMs: number, limit: number, uow?: UnitOfWork): Promise<Array<{ id: string; key: string; status: 'scheduled' | 'queued' }>> {
    return managerOf(this.dataSource, uow).query(
      `SELECT id, key, status FROM reminders
        WHERE status IN ('scheduled', 'queued') AND due_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY due_at LIMIT $2`,
      [graceMs, limit],
    );
  }
}
