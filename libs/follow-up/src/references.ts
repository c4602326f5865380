import { Injectable } from '@nestjs/common';
import { DomainError, isoInZone } from '@liaison/common';
import { agendaFreezesAt, agendaFrozen, OPEN_EXCHANGE_STATUSES } from '@liaison/domain';
import { ExchangeEntity, OrganizationsRepository, PeopleRepository, PersonEntity } from '@liaison/persistence';

/** Checks shared by agenda, minutes and action items: what a field points at, and the exchange's phase. */
@Injectable()
export class FollowUpReferences {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly people: PeopleRepository,
  ) {}

  async requireArea(code: string, field = 'area'): Promise<void> {
    if (!(await this.organizations.isCooperationArea(code))) {
      throw DomainError.unprocessable('FOLLOW_UP.UNKNOWN_AREA', `${field}: unknown cooperation area ${code}`, [
        { field, problems: [`unknown cooperation area ${code}`] },
      ]);
    }
  }

  /** The person, who must belong to one of the exchange's organisations (given by code). */
  async requirePersonIn(personId: string, organizations: string[], field: string): Promise<PersonEntity & { organizationCode: string }> {
    const person = await this.people.withOrganization(personId);
    if (!person) {
      throw DomainError.unprocessable('FOLLOW_UP.UNKNOWN_PERSON', `${field}: no person with id ${personId}`, [
        { field, problems: [`no person with id ${personId}`] },
      ]);
    }
    const code = person.organization!.code;
    if (!organizations.includes(code)) {
      throw DomainError.unprocessable('FOLLOW_UP.PERSON_OUTSIDE', `${field}: ${personId} is not in a participating organisation`, [
        { field, problems: [`${personId} is of ${code}, which does not take part in this exchange`] },
      ]);
    }
    return Object.assign(person, { organizationCode: code });
  }
}

/** A 409 unless the exchange's agenda can still change: open, and before its freeze. */
export function requireAgendaOpen(exchange: ExchangeEntity): void {
  if (!OPEN_EXCHANGE_STATUSES.includes(exchange.status)) {
    throw DomainError.conflict('AGENDA.CLOSED', `the agenda can no longer change; the exchange is ${exchange.status}`);
  }
  if (agendaFrozen(exchange)) {
    const freezesAt = agendaFreezesAt(exchange);
    throw DomainError.conflict(
      'AGENDA.FROZEN',
      `the agenda froze at ${isoInZone(freezesAt, exchange.timezone)} (${exchange.followUp.agendaFreeze} before the start); the exchange is ${exchange.status}`,
    );
  }
}
