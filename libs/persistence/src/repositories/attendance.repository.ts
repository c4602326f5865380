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
}
