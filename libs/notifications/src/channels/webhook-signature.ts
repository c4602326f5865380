import { createHmac, timingSafeEqual } from 'node:crypto';

/** The headers of a signed webhook (Standard Webhooks), lower-case as Node gives them. */
export const WEBHOOK_ID_HEADER = 'webhook-id';
export const WEBHOOK_TIMESTAMP_HEADER = 'webhook-timestamp';
export const WEBHOOK_SIGNATURE_HEADER = 'webhook-signature';

/** How far a webhook's timestamp may be from the receiver's clock, either way, by default. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

/** The prefix of a Standard Webhooks secret: the key is the base64 after it. */
export const STANDARD_SECRET_PREFIX = 'whsec_';

/**
 * The HMAC key of a secret: a Standard Webhooks secret (`whsec_<base64>`, an event subscription's)
 * keys with the bytes its base64 decodes to; any other (an organisation's secret for its people's
 * webhooks) with its UTF-8 bytes.
 */
export function signingKey(secret: string): Buffer {
  return secret.startsWith(STANDARD_SECRET_PREFIX)
    ? Buffer.from(secret.slice(STANDARD_SECRET_PREFIX.length), 'base64')
    : Buffer.from(secret, 'utf8');
}

/**
 * The `webhook-signature` value of one message: `v1,` and the base64 of
 * HMAC-SHA256(key, "<id>.<timestamp>.<body>"), the key as `signingKey` gives it and the body the
 * exact bytes sent.
 */
export function signWebhook(secret: string, id: string, timestamp: number | string, body: string): string {
  const digest = createHmac('sha256', signingKey(secret)).update(`${id}.${timestamp}.${body}`, 'utf8').digest('base64');
  return `v1,${digest}`;
}

/**
 * Whether a received webhook is genuine and fresh: the three headers are present, the timestamp is
 * within `toleranceSeconds` of `nowSeconds`, and one of the space-separated `v1,` signatures equals
 * the expected one (compared in constant time). `body` must be the raw body, not re-serialised JSON.
 */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean {
  const id = header(headers, WEBHOOK_ID_HEADER);
  const timestamp = header(headers, WEBHOOK_TIMESTAMP_HEADER);
  const signatures = header(headers, WEBHOOK_SIGNATURE_HEADER);
  if (!id || !timestamp || !signatures || !/^\d+$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, id, timestamp, body), 'utf8');
  return signatures.split(' ').some((candidate) => {
    const given = Buffer.from(candidate, 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value[0] : value;
}
