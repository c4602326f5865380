import type { Test } from 'supertest';
import { ADMIN_TOKEN, TestStack } from '../support/stack';

const bearer = { type: 'bearer' } as const;
/** Small enough to reach in a few requests; each describe starts a stack of its own, so nobody else counts. */
const LIMIT = 3;

/** A stack with these settings for the enclosing describe, and no requests of its own (no cast): every count is the test's. */
function stackWith(env: Record<string, string>): { http: () => ReturnType<TestStack['http']> } {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await TestStack.start({ RATE_LIMIT_PER_ADDRESS: String(LIMIT), ...env });
  });
  afterAll(async () => stack?.stop());
  return { http: () => stack.http() };
}

/** The statuses of `count` calls made one after another. */
async function statuses(count: number, call: () => Test): Promise<number[]> {
  const result: number[] = [];
  for (let i = 0; i < count; i++) result.push((await call()).status);
  return result;
}

const times = (n: number, status: number) => Array.from({ length: n }, () => status);

/**
 * The per-address rate limit keys on the client's address: the socket's peer unless TRUST_PROXY
 * says which proxies may name the client in X-Forwarded-For. Wrong admin tokens at the queue
 * board and at the admin page login count against it like every other request.
 */
describe('client address without TRUST_PROXY', () => {
  const { http } = stackWith({});

  it('ignores X-Forwarded-For: a client that names a new address on each request still reaches the limit', async () => {
    const spoofed = (i: number) =>
      http()
        .get('/v1/me')
        .set('X-Forwarded-For', `198.51.100.${10 + i}`);
    let i = 0;
    expect(await statuses(LIMIT + 1, () => spoofed(i++))).toEqual([...times(LIMIT, 401), 429]);
  });
});

describe('client address with TRUST_PROXY=1 (one reverse proxy in front)', () => {
  const { http } = stackWith({ TRUST_PROXY: '1' });
  const from = (address: string) => http().get('/v1/me').set('X-Forwarded-For', address);

  it('gives each forwarded client address its own limit', async () => {
    expect(await statuses(LIMIT + 1, () => from('203.0.113.1'))).toEqual([...times(LIMIT, 401), 429]);
    const limited = await from('203.0.113.1').expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another client behind the same proxy is not held up by the first one.
    expect(await statuses(LIMIT, () => from('203.0.113.2'))).toEqual(times(LIMIT, 401));
  });

  it('takes the address the proxy saw, not one the client put in front of it', async () => {
    expect(await statuses(LIMIT + 1, () => from('203.0.113.3'))).toEqual([...times(LIMIT, 401), 429]);
    // The proxy appends the real peer; what the client wrote before it is not trusted.
    await from('192.0.2.77, 203.0.113.3').expect(429);
  });
});

describe('wrong admin tokens count against the address limit', () => {
  const { http } = stackWith({ TRUST_PROXY: '1' });
  const queues = (address: string) =>
    http().get('/admin/queues/api/queues').set('X-Forwarded-For', address).set('Accept', 'application/json');

  it('at /admin/queues with a bearer token: 401s, then 429 with Retry-After, then even the right token waits', async () => {
    const guess = () => queues('203.0.113.10').auth('not-the-admin-token-at-all', bearer);
    expect(await statuses(LIMIT + 1, guess)).toEqual([...times(LIMIT, 401), 429]);
    const limited = await guess().expect(429);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      message: `too many requests for this address: at most ${LIMIT} a minute; retry after the Retry-After seconds`,
      code: 'RATE_LIMIT.ADDRESS',
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    await queues('203.0.113.10').auth(ADMIN_TOKEN, bearer).expect(429);
    // Elsewhere the admin token opens the board.
    await queues('203.0.113.11').auth(ADMIN_TOKEN, bearer).expect(200);
  });

  it('at /admin/queues with a forged session cookie', async () => {
    const forged = `liaison_admin=${Date.now() + 3_600_000}.${'A'.repeat(43)}`;
    const guess = () => queues('203.0.113.12').set('Cookie', forged);
    expect(await statuses(LIMIT + 1, guess)).toEqual([...times(LIMIT, 401), 429]);
  });

  it('at the admin page login form', async () => {
    const guess = () =>
      http().post('/admin/login').set('X-Forwarded-For', '203.0.113.13').type('form').send({ token: 'not-the-admin-token-at-all' });
    expect(await statuses(LIMIT + 1, guess)).toEqual([...times(LIMIT, 401), 429]);
  });
});
