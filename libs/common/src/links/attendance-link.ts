import { createHmac, timingSafeEqual } from 'node:crypto';
import { ATTENDANCE_LINK_ANSWERS, AttendanceLinkAnswer, PAGES, pageUrl } from '@liaison/domain';

/**
 * Signed attendance links: the e-mail lets a participant answer without signing in, so the link
 * itself is the credential, for one purpose only: this person, this exchange, this schedule revision,
 * until the exchange ends. It lives here, in infrastructure, because the notifier writes the links
 * into e-mails and the exchanges library checks them, and neither may import the other.
 */

/** Who and what a link answers for. */
export interface AttendanceClaims {
  personId: string;
  exchangeId: string;
  /** The exchange's `scheduleRevision` when the link was made: a reschedule retires it. */
  revision: number;
  /** The end of the exchange at that revision: the link's expiry. */
  expiresAt: Date;
}

/** What signing needs from the configuration: the public address and the server secret it derives its key from. */
export interface AttendanceLinkConfig {
  publicBaseUrl: string;
  adminToken: string;
}

export type AttendanceTokenCheck = { ok: true; claims: AttendanceClaims } | { ok: false; reason: 'not-valid' | 'expired' };

/**
 * The signing key, derived from LIAISON_ADMIN_TOKEN with a label of its own (as the admin page's
 * session and the workflow cursors do): no new secret to set, the same production rules (set, not the
 * default, 32 characters or more), and a key that signs nothing else.
 */
function keyOf(secret: string): Buffer {
  return createHmac('sha256', secret).update('liaison attendance link v1').digest();
}

const mac = (secret: string, payload: string) => createHmac('sha256', keyOf(secret)).update(payload).digest('base64url');

/** `<payload>.<signature>`, both base64url: the payload is `[personId, exchangeId, revision, expiry in seconds]`. */
export function signAttendanceToken(secret: string, claims: AttendanceClaims): string {
  const payload = Buffer.from(
    JSON.stringify([claims.personId, claims.exchangeId, claims.revision, Math.floor(claims.expiresAt.getTime() / 1000)]),
  ).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The claims of a token this server signed and that has not expired; why not, otherwise. */
export function verifyAttendanceToken(secret: string, token: string, now = new Date()): AttendanceTokenCheck {
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return { ok: false, reason: 'not-valid' };
  const expected = Buffer.from(mac(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'not-valid' };
  const claims = parseClaims(payload);
  if (!claims) return { ok: false, reason: 'not-valid' };
  if (claims.expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}

function parseClaims(payload: string): AttendanceClaims | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 4) return null;
    const [personId, exchangeId, revision, expires] = value as unknown[];
    if (typeof personId !== 'string' || typeof exchangeId !== 'string') return null;
    if (!Number.isInteger(revision) || !Number.isInteger(expires)) return null;
    return { personId, exchangeId, revision: revision as number, expiresAt: new Date((expires as number) * 1000) };
  } catch {
    return null;
  }
}

/**
 * The three links of one person's invitation to one exchange at one schedule revision, by answer:
 * each opens the web app's `/attend` page, which shows what it is for and posts the answer on a click.
 */
export function attendanceLinks(config: AttendanceLinkConfig, claims: AttendanceClaims): Record<AttendanceLinkAnswer, string> {
  const token = signAttendanceToken(config.adminToken, claims);
  const links = {} as Record<AttendanceLinkAnswer, string>;
  for (const answer of ATTENDANCE_LINK_ANSWERS) links[answer] = pageUrl(config.publicBaseUrl, PAGES.attend(token, answer));
  return links;
}
