import type { PersonEntity } from '@liaison/persistence';
import type { PersonRole } from '@liaison/domain';
import { actsOnPerson, PERSON_REFUSALS, Principal, seesDeliveryErrorsOf } from './principal';

const person = (roles: PersonRole[], organizationCode = 'UN', organizationId = 'org-un'): Principal => ({
  kind: 'person',
  person: { id: `p-${roles.join('-')}`, roles, organizationId } as PersonEntity,
  organizationCode,
});
const target = (roles: PersonRole[], organizationCode = 'UN') => ({ organizationCode, roles });
const code = (refusal: ReturnType<typeof actsOnPerson>) => refusal?.code ?? null;

describe('actsOnPerson', () => {
  const coordinator = person(['coordinator', 'participant']);

  it('lets an admin, token or person, act on anyone and give any role', () => {
    for (const admin of [{ kind: 'admin-token' } as const, person(['admin'], 'NATO')]) {
      expect(actsOnPerson(admin, target(['admin']), ['participant'])).toBeNull();
      expect(actsOnPerson(admin, target(['participant']), ['admin'])).toBeNull();
    }
  });

  it('lets a coordinator act on the participants and coordinators of their organisation', () => {
    expect(actsOnPerson(coordinator, target(['participant']))).toBeNull();
    expect(actsOnPerson(coordinator, target(['participant']), ['coordinator', 'participant'])).toBeNull();
    expect(actsOnPerson(coordinator, target(['coordinator', 'participant']), ['participant'])).toBeNull();
  });

  it('refuses whoever does not coordinate for the organisation', () => {
    expect(code(actsOnPerson(coordinator, target(['participant'], 'NATO')))).toBe(PERSON_REFUSALS.notManager);
    expect(code(actsOnPerson(person(['participant']), target(['participant'])))).toBe(PERSON_REFUSALS.notManager);
  });

  it('keeps the admin role to admins: acting on an admin, giving it, taking it', () => {
    expect(code(actsOnPerson(coordinator, target(['admin', 'participant'])))).toBe(PERSON_REFUSALS.adminRole);
    expect(code(actsOnPerson(coordinator, target(['participant']), ['participant', 'admin']))).toBe(PERSON_REFUSALS.adminRole);
    expect(code(actsOnPerson(coordinator, target(['admin']), ['participant']))).toBe(PERSON_REFUSALS.adminRole);
  });

  it('refuses a role the caller does not hold, held by the person or given to them', () => {
    const bare = person(['coordinator']);
    expect(code(actsOnPerson(bare, target(['participant'])))).toBe(PERSON_REFUSALS.roleNotHeld);
    expect(code(actsOnPerson(bare, target(['coordinator']), ['coordinator', 'participant']))).toBe(PERSON_REFUSALS.roleNotHeld);
    expect(actsOnPerson(bare, target(['coordinator']))).toBeNull();
  });
});

describe('seesDeliveryErrorsOf', () => {
  it('shows a delivery error to admins and to the people of the same organisation only', () => {
    expect(seesDeliveryErrorsOf({ kind: 'admin-token' }, 'org-nato')).toBe(true);
    expect(seesDeliveryErrorsOf(person(['admin'], 'UN', 'org-un'), 'org-nato')).toBe(true);
    expect(seesDeliveryErrorsOf(person(['coordinator'], 'UN', 'org-un'), 'org-un')).toBe(true);
    expect(seesDeliveryErrorsOf(person(['coordinator'], 'UN', 'org-un'), 'org-nato')).toBe(false);
  });
});
