import { signWebhook, verifyWebhook } from '@liaison/notifications';
import type { ClaimedDelivery } from '@liaison/persistence';
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { envelopeOf } from './envelope';
import { RETRY_JITTER, retryDelayMs } from './retry-schedule';

const SECOND = 1000;
const HOUR = 3600 * SECOND;
const schedule = { baseMs: 10 * SECOND, maxMs: 24 * HOUR };

describe('the retry schedule', () => {
  it('waits the base delay after the first failure and doubles it at each further one (no jitter drawn)', () => {
    expect([1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, schedule, 0))).toEqual([10, 20, 40, 80, 160].map((s) => s * SECOND));
  });

  it('never waits longer than the cap, however many attempts', () => {
    expect(retryDelayMs(14, schedule, 0)).toBe(81_920 * SECOND);
    expect(retryDelayMs(15, schedule, 0)).toBe(24 * HOUR);
    expect(retryDelayMs(1000, schedule, 0)).toBe(24 * HOUR);
  });

  it('takes off at most RETRY_JITTER of the delay, at random', () => {
    expect(retryDelayMs(3, schedule, 0.999999)).toBeGreaterThanOrEqual(40 * SECOND * (1 - RETRY_JITTER));
    expect(retryDelayMs(3, schedule, 0.5)).toBe(40 * SECOND * (1 - RETRY_JITTER / 2));
  });
});

const claimed: ClaimedDelivery = {
  id: 'd0000000-0000-4000-8000-000000000001',
  subscriptionId: 's0000000-0000-4000-8000-000000000001',
  lane: 'exchange:e0000000-0000-4000-8000-000000000001',
  eventId: 'e1000000-0000-4000-8000-000000000001',
  attempts: 2,
  type: 'exchange.confirmed',
  occurredAt: new Date('2027-03-01T09:30:00.000Z'),
  data: { id: 'e0000000-0000-4000-8000-000000000001', status: 'confirmed' },
  url: 'https://receiver.example/hooks',
  organization: 'AU',
  secrets: [],
  failing: false,
};

describe('the envelope', () => {
  it('is {id, type, occurredAt, organization, data}, its id the event id', () => {
    expect(envelopeOf(claimed)).toEqual({
      id: claimed.eventId,
      type: 'exchange.confirmed',
      occurredAt: '2027-03-01T09:30:00.000Z',
      organization: 'AU',
      data: claimed.data,
    });
  });
});

describe('signatures of event subscriptions (whsec_ secrets)', () => {
  const secretOf = () => `whsec_${randomBytes(32).toString('base64')}`;
  const body = JSON.stringify(envelopeOf(claimed));
  const timestamp = Math.floor(Date.now() / 1000);

  it('verify with the standardwebhooks package, keyed by the bytes the base64 after whsec_ decodes to', () => {
    const secret = secretOf();
    const headers = {
      'webhook-id': claimed.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, claimed.eventId, timestamp, body),
    };
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(verifyWebhook(secret, headers, body)).toBe(true);
  });

  it('during a rotation, one signature per secret: a receiver with either one verifies', () => {
    const [current, previous] = [secretOf(), secretOf()];
    const headers = {
      'webhook-id': claimed.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': [current, previous].map((s) => signWebhook(s, claimed.eventId, timestamp, body)).join(' '),
    };
    expect(() => new Webhook(current).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(previous).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(secretOf()).verify(body, headers)).toThrow();
  });

  it('a body changed on the way does not verify', () => {
    const secret = secretOf();
    const headers = {
      'webhook-id': claimed.eventId,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(secret, claimed.eventId, timestamp, body),
    };
    expect(() => new Webhook(secret).verify(body.replace('confirmed', 'cancelled'), headers)).toThrow();
  });
});
