import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_COOKIE = 'liaison_admin';
/** How long a login lasts; the expiry is inside the signed value, so a copied cookie dies too. */
export const SESSION_LIFETIME_MS = 12 * 3600_000;

/**
 * The cookie never holds the admin token: it holds an expiry and an HMAC of it keyed with the
 * token, so it proves a login without revealing the token, and changing the token ends every login.
 */
function mac(adminToken: string, expiresAt: number): Buffer {
  return createHmac('sha256', adminToken).update(`liaison admin page session|${expiresAt}`).digest();
}

export function sessionValue(adminToken: string, now = Date.now()): string {
  const expiresAt = now + SESSION_LIFETIME_MS;
  return `${expiresAt}.${mac(adminToken, expiresAt).toString('base64url')}`;
}

export function validSession(adminToken: string, value: string | undefined, now = Date.now()): boolean {
  const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
  if (!match) return false;
  const expiresAt = Number(match[1]);
  const given = Buffer.from(match[2], 'base64url');
  return expiresAt > now && timingSafeEqual(given, mac(adminToken, expiresAt));
}

/** The Set-Cookie header of a login (`value`) or of a logout (null: expire it now). */
export function sessionCookie(value: string | null, secure: boolean): string {
  const attributes = [
    `${SESSION_COOKIE}=${value ?? ''}`,
    'HttpOnly',
    'SameSite=Strict',
    'Path=/admin',
    `Max-Age=${value === null ? 0 : SESSION_LIFETIME_MS / 1000}`,
  ];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
