import type { PersonEntity } from '@liaison/persistence';
import type { Actor, ErrorCodeOf, PersonRole } from '@liaison/domain';

/** Who is calling: the admin token, or a person with their organisation's code. */
export type Principal =
  | { kind: 'admin-token' }
  /** `tokenId`: the bearer token the request came with; `sessionId`: the web session, when it came with the session cookie. */
  | { kind: 'person'; person: PersonEntity; organizationCode: string; tokenId?: string; sessionId?: string };

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

/** The two organisations of a support request, by id. */
export interface SupportRequestSides {
  requestingOrganizationId: string;
  providingOrganizationId: string;
}

/**
 * Whether anything of a support request (its title, id, owner, an agenda entry made from it) may be
 * shown to the caller: only to people of its requesting or providing organisation, and to admins. A
 * third organisation never sees it, not even on an exchange it shares with both sides. (Which of the
 * two sides' people see a RESTRICTED request is narrower: SupportRequestQueryService.)
 */
export function onSideOf(principal: Principal, request: SupportRequestSides): boolean {
  if (isAdmin(principal)) return true;
  return (
    principal.kind === 'person' &&
    (principal.person.organizationId === request.requestingOrganizationId ||
      principal.person.organizationId === request.providingOrganizationId)
  );
}

/** Why a caller may not act on a person; each a 403 with this code, and a `person.refused` audit event. */
export const PERSON_REFUSALS = {
  /** Neither an admin nor a coordinator of the person's organisation. */
  notManager: 'PERSON.NOT_MANAGER',
  /** The person holds the `admin` role, or would: only an admin gives, takes or acts on it. */
  adminRole: 'PERSON.ADMIN_ROLE',
  /** The person holds, or would be given, a role the caller does not hold. */
  roleNotHeld: 'PERSON.ROLE_NOT_HELD',
} as const satisfies Record<string, ErrorCodeOf<403>>;
export type PersonRefusalCode = (typeof PERSON_REFUSALS)[keyof typeof PERSON_REFUSALS];
export interface PersonRefusal {
  code: PersonRefusalCode;
  reason: string;
}

/**
 * Whether the caller may act on (change, issue a token for, deactivate, test the webhook of) a
 * person: null when they may, else why not. The rule: an admin may act on anyone; anyone else must
 * coordinate for the person's organisation, and may not act on a person who holds a role they do
 * not hold themselves, nor give a role they do not hold (`grants`: the person's roles after the
 * change); the `admin` role only an admin gives, takes or acts on.
 */
export function actsOnPerson(
  principal: Principal,
  target: { organizationCode: string; roles: readonly PersonRole[] },
  grants: readonly PersonRole[] = [],
): PersonRefusal | null {
  if (isAdmin(principal)) return null;
  if (!coordinatesFor(principal, target.organizationCode)) {
    return {
      code: PERSON_REFUSALS.notManager,
      reason: `only an admin or a coordinator of ${target.organizationCode} may do this`,
    };
  }
  const roles = [...new Set([...target.roles, ...grants])];
  if (roles.includes('admin')) {
    return { code: PERSON_REFUSALS.adminRole, reason: 'only an admin may act on a person with the admin role, or give or take it' };
  }
  const notHeld = roles.filter((role) => !hasRole(principal, role));
  if (notHeld.length > 0) {
    return {
      code: PERSON_REFUSALS.roleNotHeld,
      reason: `the person holds or would be given the role ${notHeld.join(', ')}, which you do not hold`,
    };
  }
  return null;
}

/**
 * Whether the caller may read the delivery errors (a reminder's `lastError`: a receiver's address,
 * status or network detail) of a person of this organisation: admins, and people of that organisation.
 */
export function seesDeliveryErrorsOf(principal: Principal, personOrganizationId: string): boolean {
  return isAdmin(principal) || (principal.kind === 'person' && principal.person.organizationId === personOrganizationId);
}

export function actorOf(principal: Principal): Actor {
  return principal.kind === 'admin-token' ? { type: 'admin-token', id: null } : { type: 'person', id: principal.person.id };
}
