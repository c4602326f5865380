import { csrfTokenOf } from '@liaison/access';
import type { PersonEntity, WebSessionEntity } from '@liaison/persistence';
import { toPersonResponse } from '../people/person.mapper';
import type { SessionResponse, SignedInResponse } from './auth.dto';

export function toSessionResponse(session: WebSessionEntity, currentId: string | undefined): SessionResponse {
  return {
    id: session.id,
    method: session.method,
    createdAt: session.createdAt.toISOString(),
    lastUsedAt: session.lastUsedAt.toISOString(),
    expiresAt: session.expiresAt.toISOString(),
    userAgent: session.userAgent,
    current: session.id === currentId,
  };
}

/** What the web app holds while signed in: the session, its CSRF token (from the cookie's secret), and who is signed in. */
export function signedIn(secret: string, session: WebSessionEntity, person: PersonEntity): SignedInResponse {
  return {
    session: toSessionResponse(session, session.id),
    csrfToken: csrfTokenOf(secret),
    person: toPersonResponse(person, person.organization!),
  };
}
