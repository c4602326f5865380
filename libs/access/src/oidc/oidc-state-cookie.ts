import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** The cookie that carries a sign-in with OpenID Connect from its start to its callback. */
export const OIDC_COOKIE = 'liaison_oidc';
/** Where the browser sends it: the two routes of the flow, nowhere else. */
export const OIDC_COOKIE_PATH = '/v1/auth/oidc';
/** How long a sign-in may take at the provider. */
export const OIDC_STATE_LIFETIME_MS = 10 * 60_000;

/** What the start keeps for the callback. */
export interface OidcPending {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The page to land on once signed in (a same-site path, see safeNext). */
  next: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Authenticated with the sealed value, so that a value sealed for another purpose with the same key never opens here. */
const AAD = Buffer.from(OIDC_COOKIE);

/**
 * The key that seals the cookie: 32 bytes derived with HKDF-SHA256 from the OIDC client secret
 * (no other server secret of Liaison is meant for this; the admin token is a credential of its own).
 * Rotating the client secret makes the sign-ins under way fail, nothing more.
 */
export function oidcCookieKey(clientSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', clientSecret, 'liaison', 'liaison_oidc state cookie v1', 32));
}

/**
 * The pending sign-in, sealed with AES-256-GCM (random IV, the cookie's name as associated data)
 * with its expiry inside: the browser can neither read it nor forge or change it, and an old copy
 * stops opening after OIDC_STATE_LIFETIME_MS whatever the browser keeps.
 */
export function sealPending(pending: OidcPending, key: Buffer, now = Date.now()): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const plain = Buffer.from(JSON.stringify({ ...pending, expiresAt: now + OIDC_STATE_LIFETIME_MS }));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64url');
}

/** The pending sign-in a cookie value holds; null when it was not sealed with this key, was changed, or has expired. */
export function openPending(value: string | undefined, key: Buffer, now = Date.now()): OidcPending | null {
  if (!value || !/^[\w-]+$/.test(value)) return null;
  const bytes = Buffer.from(value, 'base64url');
  if (bytes.length <= IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(AAD);
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    const plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
    const parsed = JSON.parse(plain.toString('utf8')) as Partial<OidcPending> & { expiresAt?: unknown };
    const { state, nonce, codeVerifier, next, expiresAt } = parsed;
    if (typeof expiresAt !== 'number' || expiresAt <= now) return null;
    if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || typeof next !== 'string') return null;
    return { state, nonce, codeVerifier, next: safeNext(next) };
  } catch {
    return null;
  }
}

/**
 * The Set-Cookie header of the pending sign-in (`value`), or of its removal (null). HttpOnly, so no
 * script reads it; SameSite=Lax, so the provider's redirect back (a top-level GET) brings it; Path
 * limited to the flow's two routes; Secure when the public address is https.
 */
export function oidcCookie(value: string | null, secure: boolean): string {
  const maxAge = value === null ? 0 : Math.floor(OIDC_STATE_LIFETIME_MS / 1000);
  const attributes = [`${OIDC_COOKIE}=${value ?? ''}`, 'HttpOnly', 'SameSite=Lax', `Path=${OIDC_COOKIE_PATH}`, `Max-Age=${maxAge}`];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}

/**
 * `next` if it is a path of this site (`/…`, not `//host` nor `/\host`, which browsers read as
 * another host; no backslash, no control character); else `/`. Only such a path is ever redirected to.
 */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || next.length > 2048) return '/';
  // eslint-disable-next-line no-control-regex
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\') || /[\u0000-\u001f\u007f]/.test(next)) return '/';
  return next;
}
