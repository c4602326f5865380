import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';

/** The cookie that carries a web session's secret. */
export const SESSION_COOKIE = 'liaison_session';
/** The header a request signed in by the cookie sends, on an unsafe method, with the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';
/** Methods that change something, and so need the CSRF checks when the cookie signs them in. */
export const UNSAFE_METHODS: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The session's CSRF token: an HMAC of a fixed label keyed with the session's secret. The API keeps
 * nothing more: it recomputes it from the cookie; a page of another site can send the cookie but
 * cannot read it, so it cannot send this.
 */
export function csrfTokenOf(secret: string): string {
  return createHmac('sha256', secret).update('liaison csrf token').digest('base64url');
}

export function sameCsrfToken(secret: string, given: string | undefined): boolean {
  if (typeof given !== 'string') return false;
  const expected = Buffer.from(csrfTokenOf(secret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** One cookie of the request's Cookie header, undecoded (ours are base64url), or undefined. */
export function cookieOf(request: Request, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = pair.split('=');
    if (key.trim() === name) return rest.join('=').trim();
  }
  return undefined;
}

/**
 * The Set-Cookie header of a sign-in (`secret`, for `maxAgeMs`) or of a sign-out (null: expire it
 * now). HttpOnly, so no script reads it; SameSite=Lax, so another site's page cannot send it on a
 * POST; Secure when the public address is https.
 */
export function sessionCookie(secret: string | null, secure: boolean, maxAgeMs = 0): string {
  const attributes = [
    `${SESSION_COOKIE}=${secret ?? ''}`,
    'HttpOnly',
    'SameSite=Lax',
    'Path=/',
    `Max-Age=${secret === null ? 0 : Math.floor(maxAgeMs / 1000)}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/**
 * Whether the request's Origin is the API's own: its public address (behind a proxy) or the
 * address the request reached. With `required`, a request without an Origin is refused too
 * (browsers send it on every unsafe fetch); without, it passes (a plain form post of old).
 */
export function sameOrigin(request: Request, publicBaseUrl: string, required = false): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return !required;
  return origin === new URL(publicBaseUrl).origin || origin === `${request.protocol}://${request.headers.host ?? ''}`;
}
