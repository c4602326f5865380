import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PENDING_REMINDER_STATUSES } from '@liaison/domain';
import type { AttendanceAnswer, AttendanceStatus } from '@liaison/domain';
import { DataSource, In } from 'typeorm';
import { updateReturning } from '../postgres';
import { ExchangeParticipantEntity } from '../entities';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** Every query of participants' attendance (`exchange_participants.attendance` and its delegation columns). */
@Injectable()
export class AttendanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One participant's attendance, or null when the person does not take part in the exchange. */
  async attendanceOf(exchangeId: string, personId: string, uow?: UnitOfWork): Promise<AttendanceStatus | null> {
    const row = await managerOf(this.dataSource, uow).findOne(ExchangeParticipantEntity, {
      where: { exchangeId, personId },
      select: { attendance: true },
    });
    return row?.attendance ?? null;
  }

  /** A person's attendance of each of these exchanges they take part in, by exchange id. */
  async attendanceByExchange(personId: string, exchangeIds: string[], uow?: UnitOfWork): Promise<Map<string, AttendanceStatus>> {
    if (exchangeIds.length === 0) return new Map();
    const rows = await managerOf(this.dataSource, uow).find(ExchangeParticipantEntity, {
      where: { personId, exchangeId: In(exchangeIds) },
      select: { exchangeId: true, attendance: true },
    });
    return new Map(rows.map((row) => [row.exchangeId, row.attendance]));
  }

  /** The participant's answer and when they gave it; null when they do not take part. */
  participantOf(
    exchangeId: string,
    personId: string,
    uow?: UnitOfWork,
  ): Promise<Pick<ExchangeParticipantEntity, 'attendance' | 'respondedAt'> | null> {
    return managerOf(this.dataSource, uow).findOne(ExchangeParticipantEntity, {
      where: { exchangeId, personId },
      select: { attendance: true, respondedAt: true },
    });
  }

  /** The participant's row, locked (`FOR UPDATE`) for the rest of the transaction; null when they do not take part. */
  lockParticipant(exchangeId: string, personId: string, uow: UnitOfWork): Promise<ExchangeParticipantEntity | null> {
    return managerOf(this.dataSource, uow).findOne(ExchangeParticipantEntity, {
      where: { exchangeId, personId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  /** Records an answer: the status, when, and the colleague a delegation went to (null otherwise). */
  async answer(
    exchangeId: string,
    personId: string,
    answer: { status: AttendanceAnswer; delegatedTo: string | null; at: Date },
    uow?: UnitOfWork,
  ): Promise<void> {
    await managerOf(this.dataSource, uow).update(
      ExchangeParticipantEntity,
      { exchangeId, personId },
      { attendance: answer.status, delegatedTo: answer.delegatedTo, respondedAt: answer.at },
    );
  }

  /** Makes the delegate a participant who has not answered yet, handed the place by `fromId`; false when they already were one. */
  async addDelegate(exchangeId: string, delegateId: string, fromId: string, uow?: UnitOfWork): Promise<boolean> {
    const rows = await updateReturning(
      managerOf(this.dataSource, uow),
      `INSERT INTO exchange_participants (exchange_id, person_id, attendance, delegated_from)
       VALUES ($1, $2, 'needs-action', $3) ON CONFLICT DO NOTHING RETURNING person_id`,
      [exchangeId, delegateId, fromId],
    );
    return rows.length > 0;
  }

  /** The participants of the exchange who handed their place to a colleague: reminders go to the colleague instead. */
  async delegatedIn(exchangeId: string, uow?: UnitOfWork): Promise<Set<string>> {
    const rows = await managerOf(this.dataSource, uow).find(ExchangeParticipantEntity, {
      where: { exchangeId, attendance: 'delegated' },
      select: { personId: true },
    });
    return new Set(rows.map((row) => row.personId));
  }

  /**
   * Cancels the person's pending reminders before the exchange (kind `exchange`): after a delegation
   * they go to the delegate. Returns how many.
   */
  async cancelPendingRemindersOf(exchangeId: string, personId: string, uow?: UnitOfWork): Promise<number> {
    const rows = await updateReturning(
      managerOf(this.dataSource, uow),
      `UPDATE reminders SET status = 'cancelled', updated_at = now()
        WHERE exchange_id = $1 AND person_id = $2 AND kind = 'exchange' AND status = ANY($3)
        RETURNING id`,
      [exchangeId, personId, PENDING_REMINDER_STATUSES],
    );
    return rows.length;
  }

  /** Whom a participant of the organisation may hand their place to: its active people who do not take part yet, by name. */
  possibleDelegates(exchangeId: string, organizationId: string): Promise<Array<{ id: string; name: string }>> {
    return this.dataSource.query(
      `SELECT p.id, p.name FROM people p
        WHERE p.organization_id = $2 AND p.deactivated_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM exchange_participants ep WHERE ep.exchange_id = $1 AND ep.person_id = p.id)
        ORDER BY p.name, p.id`,
      [exchangeId, organizationId],
    );
  }

  /**
   * The participating organisations of the exchange with no senior-level participant who has
   * accepted (none sent, or none answered yes): the attendance check reminds their coordinators.
   */
  withoutAcceptedSenior(exchangeId: string, uow?: UnitOfWork): Promise<Array<{ id: string; code: string }>> {
    return managerOf(this.dataSource, uow).query(
      `SELECT o.id, o.code FROM exchange_organizations eo JOIN organizations o ON o.id = eo.organization_id
        WHERE eo.exchange_id = $1
          AND NOT EXISTS (${ACCEPTED_SENIOR})
        ORDER BY o.code`,
      [exchangeId],
    );
  }

  /** Whether one of the organisation's senior-level participants has accepted the exchange. */
  async hasAcceptedSenior(exchangeId: string, organizationId: string, uow?: UnitOfWork): Promise<boolean> {
    const [row]: Array<{ accepted: boolean }> = await managerOf(this.dataSource, uow).query(
      `SELECT EXISTS (${ACCEPTED_SENIOR}) AS accepted FROM (VALUES ($1::uuid, $2::uuid)) AS eo(exchange_id, organization_id)`,
      [exchangeId, organizationId],
    );
    return row.accepted;
  }
}

/** A senior-level participant of `eo.organization_id` who has accepted exchange `eo.exchange_id`. */
const ACCEPTED_SENIOR = `SELECT 1 FROM exchange_participants ep JOIN people p ON p.id = ep.person_id
  WHERE ep.exchange_id = eo.exchange_id AND p.organization_id = eo.organization_id AND p.level = 'senior' AND ep.attendance = 'accepted'`;
