import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AttendanceStatus } from '@liaison/domain';
import { DataSource, In } from 'typeorm';
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

  /** Sets a participant's attendance, answered now; false when the person does not take part in the exchange. */
  async setAttendance(exchangeId: string, personId: string, attendance: AttendanceStatus, uow?: UnitOfWork): Promise<boolean> {
    const result = await managerOf(this.dataSource, uow).update(
      ExchangeParticipantEntity,
      { exchangeId, personId },
      { attendance, respondedAt: () => 'now()' },
    );
    return (result.affected ?? 0) > 0;
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
