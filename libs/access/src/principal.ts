import type { PersonEntity, PersonRole } from '@liaison/persistence';
import type { AuditActor } from './audit/audit.service';

/** Who is calling: the admin token, or a person with their organisation's code. */
export type Principal =
  | { kind: 'admin-token' }
  /** `tokenId`: the token the request came with. */
  | { kind: 'person'; person: PersonEntity; organizationCode: string; tokenId?: string };

export function isAdmin(principal: Principal): boolean {
  return principal.kind === 'admin-token' || principal.person.roles.includes('admin');
}

export function hasRole(principal: Principal, role: PersonRole): boolean {
  return isAdmin(principal) || (principal.kind === 'person' && principal.person.roles.includes(role));
}

/** A coordinator acting for this organisation (admins act for every organisation). */
export function coordinatesFor(principal: Principal, organizationCode: string): boolean {
  if (isAdmin(principal)) return true;
  return principal.kind === 'person' && principal.person.roles.includes('coordinator') && principal.organizationCode === organizationCode;
}

/** A person is visible to themself, to the coordinators of their organisation and to admins; to anyone else they do not exist (404). */
export function seesPerson(principal: Principal, person: { id: string; organizationCode: string }): boolean {
  return (principal.kind === 'person' && principal.person.id === person.id) || coordinatesFor(principal, person.organizationCode);
}

/** A coordinator acting for at least one of these organisations. */
export function coordinatesAny(principal: Principal, organizationCodes: string[]): boolean {
  return organizationCodes.some((code) => coordinatesFor(principal, code));
}

export function actorOf(principal: Principal): AuditActor {
  return principal.kind === 'admin-token' ? { type: 'admin-token', id: null } : { type: 'person', id: principal.person.id };
}
