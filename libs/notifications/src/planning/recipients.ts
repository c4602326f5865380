import { Injectable } from '@nestjs/common';
import type { Recipient } from '@liaison/domain';
import { RecipientsRepository, UnitOfWork } from '@liaison/persistence';

/** Who a follow-up goes to: by role or level in an organisation, by part in an exchange, or by name. */
@Injectable()
export class Recipients {
  constructor(private readonly people: RecipientsRepository) {}

  coordinatorsOf(organizationId: string, uow?: UnitOfWork): Promise<Recipient[]> {
    return this.people.coordinatorsOf(organizationId, uow);
  }

  seniorPeopleOf(organizationId: string, uow?: UnitOfWork): Promise<Recipient[]> {
    return this.people.seniorPeopleOf(organizationId, uow);
  }

  persons(ids: string[], uow?: UnitOfWork): Promise<Recipient[]> {
    return this.people.persons(ids, uow);
  }

  /** One person and their organisation (an action item's owner, say); undefined when there is no such person. */
  withOrganization(personId: string, uow?: UnitOfWork): Promise<(Recipient & { organizationId: string }) | undefined> {
    return this.people.withOrganization(personId, uow);
  }

  /** Everyone taking part in the exchange. */
  participantsOf(exchangeId: string, uow?: UnitOfWork): Promise<Recipient[]> {
    return this.people.participantsOf(exchangeId, uow);
  }

  /** The organisation's senior-level participants of the exchange. */
  seniorParticipantsOf(exchangeId: string, organizationId: string, uow?: UnitOfWork): Promise<Recipient[]> {
    return this.people.seniorParticipantsOf(exchangeId, organizationId, uow);
  }

  /** The organisation's senior-level participants of the exchange; if it sent none, its senior-level people. */
  async seniorLevelOf(exchangeId: string, organizationId: string, uow?: UnitOfWork): Promise<Recipient[]> {
    const participants = await this.people.seniorParticipantsOf(exchangeId, organizationId, uow);
    return participants.length > 0 ? participants : this.people.seniorPeopleOf(organizationId, uow);
  }
}
