import { Injectable } from '@nestjs/common';
import { actorOf, AuditService, Principal } from '@liaison/access';
import { PeopleRepository } from '@liaison/persistence';
import type { PersonResponse } from './person.dto';
import { toPersonResponse } from './person.mapper';
import { PeopleService } from './people.service';
import { PERSON_STATES } from './person-state';

const { active: ACTIVE, deactivated: DEACTIVATED } = PERSON_STATES;

/**
 * Deactivating a leaver, and reactivating them. Deactivation is a switch, not a deletion: while
 * `deactivatedAt` is set the person's bearer tokens are refused (TokenService), their calendar feed
 * is gone, reminders to them are skipped by the notifier and not planned, and their webhook gets
 * nothing; they stay in lists, `active: false`. Both are no-ops on a person already in that state
 * (200, the person as they are, no audit event), so a retry is harmless. Who may: as for any act on
 * a person (`actsOnPerson`): an admin, or a coordinator of their organisation holding every role they hold.
 */
@Injectable()
export class PersonActivationService {
  constructor(
    private readonly people: PeopleService,
    private readonly peopleRepository: PeopleRepository,
    private readonly audit: AuditService,
  ) {}

  deactivate(id: string, principal: Principal): Promise<PersonResponse> {
    return this.people.actOn(id, principal, { attempted: 'person.deactivate' }, async (uow, person) => {
      if (await this.peopleRepository.deactivate(id, uow)) {
        await this.audit.record(
          {
            actor: actorOf(principal),
            action: 'person.deactivate',
            entityType: 'person',
            entityId: id,
            fromState: ACTIVE,
            toState: DEACTIVATED,
          },
          uow,
        );
      }
      return toPersonResponse(await this.peopleRepository.byId(id, uow), person.organization!);
    });
  }

  reactivate(id: string, principal: Principal): Promise<PersonResponse> {
    return this.people.actOn(id, principal, { attempted: 'person.reactivate' }, async (uow, person) => {
      if (await this.peopleRepository.reactivate(id, uow)) {
        await this.audit.record(
          {
            actor: actorOf(principal),
            action: 'person.reactivate',
            entityType: 'person',
            entityId: id,
            fromState: DEACTIVATED,
            toState: ACTIVE,
          },
          uow,
        );
      }
      return toPersonResponse(await this.peopleRepository.byId(id, uow), person.organization!);
    });
  }
}
