import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signatures (Standard Webhooks, v1)', () => {
  const secret = 'liaison-dev-webhook-secret';
  const id = 'ex.6f1c2a10-0000-4000-8000-000000000001.r1.PT10M.6f1c2a10-0000-4000-8000-000000000002.webhook';
  const timestamp = 1_800_000_000;
  const body = JSON.stringify({ type: 'exchange.reminder', timestamp: '2027-01-15T08:00:00.000Z', data: { title: 'Reminder: é ✓' } });
  const headersOf = (signature: string, ts: number | string = timestamp) => ({
    'webhook-id': id,
    'webhook-timestamp': String(ts),
    'webhook-signature': signature,
  });

  it('signs "<id>.<timestamp>.<body>" with HMAC-SHA256 under the secret, base64, prefixed "v1,"', () => {
    // Computed independently of the helper, as a receiver would.
    const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
    expect(signWebhook(secret, id, timestamp, body)).toBe(`v1,${expected}`);
    expect(signWebhook(secret, id, String(timestamp), body)).toBe(`v1,${expected}`);
  });

  it('matches a fixed vector', () => {
    // printf '%s' 'msg_1.1700000000.{"a":1}' | openssl dgst -sha256 -hmac 'whsec-test-secret-0123' -binary | base64
    expect(signWebhook('whsec-test-secret-0123', 'msg_1', 1_700_000_000, '{"a":1}')).toBe(
      'v1,/tCIOpsC5lednk8PMO77ekdPM11n7QTO0IZB+4scsnY=',
    );
  });

  it('verifies a genuine, fresh message', () => {
    const signature = signWebhook(secret, id, timestamp, body);
    expect(verifyWebhook(secret, headersOf(signature), body, 300, timestamp + 10)).toBe(true);
    expect(verifyWebhook(secret, headersOf(signature), body, 300, timestamp - 10)).toBe(true);
  });

  it('accepts any one of several space-separated signatures (secret rotation)', () => {
    const signature = `v1,${Buffer.from('not the one').toString('base64')} ${signWebhook(secret, id, timestamp, body)}`;
    expect(verifyWebhook(secret, headersOf(signature), body, 300, timestamp)).toBe(true);
  });

  it('rejects a tampered body, id or timestamp', () => {
    const signature = signWebhook(secret, id, timestamp, body);
    expect(verifyWebhook(secret, headersOf(signature), body.replace('Reminder', 'Remainder'), 300, timestamp)).toBe(false);
    expect(verifyWebhook(secret, { ...headersOf(signature), 'webhook-id': `${id}x` }, body, 300, timestamp)).toBe(false);
    expect(verifyWebhook(secret, headersOf(signature, timestamp + 1), body, 300, timestamp)).toBe(false);
  });

  it('rejects another secret, another version and a missing header', () => {
    const signature = signWebhook(secret, id, timestamp, body);
    expect(verifyWebhook('another-secret-0123456789', headersOf(signature), body, 300, timestamp)).toBe(false);
    expect(verifyWebhook(secret, headersOf(signature.replace(/^v1,/, 'v2,')), body, 300, timestamp)).toBe(false);
    expect(verifyWebhook(secret, { 'webhook-id': id, 'webhook-timestamp': String(timestamp) }, body, 300, timestamp)).toBe(false);
    expect(verifyWebhook(secret, headersOf(signature, 'soon'), body, 300, timestamp)).toBe(false);
  });

  it('rejects a message older (or newer) than the tolerance, even with a valid signature', () => {
    const old = timestamp - 301;
    const signature = signWebhook(secret, id, old, body);
    expect(verifyWebhook(secret, headersOf(signature, old), body, 300, timestamp)).toBe(false);
    expect(verifyWebhook(secret, headersOf(signature, old), body, 600, timestamp)).toBe(true);
    const future = timestamp + 301;
    expect(verifyWebhook(secret, headersOf(signWebhook(secret, id, future, body), future), body, 300, timestamp)).toBe(false);
  });

  it('reads headers case-insensitively and takes the first of repeated ones', () => {
    const signature = signWebhook(secret, id, timestamp, body);
    const headers = { 'Webhook-Id': [id, 'other'], 'WEBHOOK-TIMESTAMP': String(timestamp), 'webhook-signature': signature };
    expect(verifyWebhook(secret, headers, body, 300, timestamp)).toBe(true);
  });
});
