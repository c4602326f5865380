import type { Principal } from '@liaison/access';
import type { PersonEntity } from '@liaison/persistence';
import { entryShownTo, RequestSides } from './support-request-sides';

/** Who is shown an agenda entry about a UN → NATO support request, on an exchange AU also attends. */
describe('entryShownTo', () => {
  const UN = 'org-un';
  const NATO = 'org-nato';
  const AU = 'org-au';
  const sides: RequestSides = new Map([['request-1', { requestingOrganizationId: UN, providingOrganizationId: NATO }]]);
  const person = (organizationId: string, roles: PersonEntity['roles'] = ['participant']): Principal => ({
    kind: 'person',
    person: { id: `p-${organizationId}`, organizationId, roles } as PersonEntity,
    organizationCode: organizationId,
  });

  it('shows it to people of the requesting and the providing organisation, and to admins', () => {
    expect(entryShownTo(person(UN), 'request-1', sides)).toBe(true);
    expect(entryShownTo(person(NATO, ['coordinator', 'participant']), 'request-1', sides)).toBe(true);
    expect(entryShownTo({ kind: 'admin-token' }, 'request-1', sides)).toBe(true);
    expect(entryShownTo(person(AU, ['admin']), 'request-1', sides)).toBe(true);
  });

  it('never shows it to a third organisation, its coordinators included', () => {
    expect(entryShownTo(person(AU), 'request-1', sides)).toBe(false);
    expect(entryShownTo(person(AU, ['coordinator', 'participant']), 'request-1', sides)).toBe(false);
  });

  it('shows every entry not about a request, and none about a request whose sides are unknown', () => {
    expect(entryShownTo(person(AU), null, sides)).toBe(true);
    expect(entryShownTo(person(UN), 'request-gone', sides)).toBe(false);
  });
});
