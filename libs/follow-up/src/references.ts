import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError, isoInZone } from '@liaison/common';
import { millisOf } from '@liaison/domain';
import { CooperationAreaEntity, ExchangeEntity, PersonEntity } from '@liaison/persistence';
import { DataSource } from 'typeorm';

/** Checks shared by agenda, minutes and action items: what a field points at, and the exchange's phase. */
@Injectable()
export class FollowUpReferences {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async requireArea(code: string, field = 'area'): Promise<void> {
    if (!(await this.dataSource.getRepository(CooperationAreaEntity).existsBy({ code }))) {
      throw DomainError.invalid('FOLLOW_UP.UNKNOWN_AREA', `${field}: unknown cooperation area ${code}`, [
        { field, problems: [`unknown cooperation area ${code}`] },
      ]);
    }
  }

  /** The person, who must belong to one of the exchange's organisations (given by code). */
  async requirePersonIn(personId: string, organizations: string[], field: string): Promise<PersonEntity & { organizationCode: string }> {
    const person = await this.dataSource
      .getRepository(PersonEntity)
      .findOne({ where: { id: personId }, relations: { organization: true } });
    if (!person) {
      throw DomainError.invalid('FOLLOW_UP.UNKNOWN_PERSON', `${field}: no person with id ${personId}`, [
        { field, problems: [`no person with id ${personId}`] },
      ]);
    }
    const code = person.organization!.code;
    if (!organizations.includes(code)) {
      throw DomainError.invalid('FOLLOW_UP.PERSON_OUTSIDE', `${field}: ${personId} is not in a participating organisation`, [
        { field, problems: [`${personId} is of ${code}, which does not take part in this exchange`] },
      ]);
    }
    return Object.assign(person, { organizationCode: code });
  }
}

/** When the agenda freezes: `agendaFreeze` before the start. */
export function agendaFreezesAt(exchange: ExchangeEntity): Date {
  return new Date(exchange.startsAt.getTime() - millisOf(exchange.followUp.agendaFreeze));
}

/** A 409 unless the exchange's agenda can still change: open, and before its freeze. */
export function requireAgendaOpen(exchange: ExchangeEntity): void {
  if (exchange.status !== 'scheduled' && exchange.status !== 'confirmed') {
    throw DomainError.conflict('AGENDA.CLOSED', `the agenda can no longer change; the exchange is ${exchange.status}`);
  }
  const freezesAt = agendaFreezesAt(exchange);
  if (exchange.agendaFrozenAt || freezesAt.getTime() <= Date.now()) {
    throw DomainError.conflict(
      'AGENDA.FROZEN',
      `the agenda froze at ${isoInZone(freezesAt, exchange.timezone)} (${exchange.followUp.agendaFreeze} before the start); the exchange is ${exchange.status}`,
    );
  }
}
