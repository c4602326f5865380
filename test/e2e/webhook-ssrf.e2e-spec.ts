import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { DataSource } from 'typeorm';
import { createExchange, exchangeBody, planningLeadMs, plannedInTime, remindersOf, useStack } from '../support/exchanges';
import { createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { deadEndpoint, listenOnPortZero } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';

const bearer = { type: 'bearer' } as const;
const FIELD = 'channels.webhookUrl';

/**
 * Webhooks as a way into the operator's network (SSRF), with WEBHOOK_ALLOW_PRIVATE_NETWORKS off as
 * in production: a URL whose host is, or resolves to, a loopback, private, link-local or otherwise
 * non-public address is refused when it is set, refused again when a webhook is sent (against the
 * address actually connected to), and the test endpoint says only whether it was delivered.
 * WEBHOOK_ALLOW_HTTP is on so that the address, not the scheme, is what the refusals are about.
 */
describe('webhook SSRF', () => {
  const world = useStack(0, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false', WEBHOOK_ALLOW_HTTP: 'true', REMINDER_ATTEMPTS: '2' });
  const http = () => world.stack.http();

  /** A local receiver that must never be reached: it records what it gets, which stays nothing. */
  let receiver: Server;
  let receiverPort = 0;
  const received: string[] = [];
  /** A reminder due this far ahead is planned before it falls due on this machine (see planningLeadMs). */
  let leadSeconds: number;
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      received.push(req.url ?? '/');
      res.writeHead(200).end('ok');
    });
    receiverPort = await listenOnPortZero(receiver);
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  function personBody(organization: string, webhookUrl?: string) {
    const email = `ssrf-${randomUUID().slice(0, 8)}@${organization.toLowerCase()}.example.org`;
    return {
      name: `SSRF ${email}`,
      email,
      organization,
      level: 'working',
      roles: ['participant'],
      timezone: 'Europe/Brussels',
      channels: { email: false, ...(webhookUrl === undefined ? {} : { webhookUrl }) },
    };
  }

  /** A person whose stored URL was written straight into Postgres, as a row from before this check would be. */
  async function personWithStoredUrl(url: string): Promise<TestPerson> {
    const person = await createPerson(world.stack, world.cast.nato);
    await world.stack.api.get(DataSource).query('UPDATE people SET webhook_url = $1 WHERE id = $2', [url, person.id]);
    return person;
  }

  const fieldsOf = (body: { details?: Array<{ field: string }> }) => (body.details ?? []).map((d) => d.field);

  const INTERNAL = [
    'http://127.0.0.1:5432/',
    'http://localhost/',
    'http://10.0.0.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0/',
    'http://192.168.1.10:8080/hook',
    'http://100.64.0.1/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'https://127.0.0.1/',
  ];

  it.each(INTERNAL)('refuses %s as a webhook URL: 422 WEBHOOK.ADDRESS_NOT_PUBLIC naming the field', async (url) => {
    const res = await http().post('/v1/people').auth(ADMIN_TOKEN, bearer).send(personBody(world.cast.nato, url));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'WEBHOOK.ADDRESS_NOT_PUBLIC' });
    expect(fieldsOf(res.body)).toEqual([FIELD]);
  });

  it('refuses the same on PATCH, and the stored URL stays as it was', async () => {
    const person = await createPerson(world.stack, world.cast.nato);
    for (const url of ['http://127.0.0.1:5432/', 'http://localhost:6379/', 'http://169.254.169.254/latest/meta-data']) {
      const res = await http()
        .patch(`/v1/people/${person.id}`)
        .auth(ADMIN_TOKEN, bearer)
        .send({ channels: { email: false, webhookUrl: url } });
      expect({ status: res.status, code: res.body.code }).toEqual({ status: 422, code: 'WEBHOOK.ADDRESS_NOT_PUBLIC' });
      expect(fieldsOf(res.body)).toEqual([FIELD]);
    }
    const after = await http().get(`/v1/people/${person.id}`).auth(ADMIN_TOKEN, bearer).expect(200);
    expect(after.body.channels.webhookUrl).toBeNull();
  });

  it('refuses other schemes, credentials in the URL, a relative URL and a name that does not resolve', async () => {
    // Not an http(s) URL breaks the document (400, the validation pipe's, no code); an http(s) URL the
    // policy refuses is a 422 with its code.
    const cases: Array<[string, number, string | undefined]> = [
      ['ftp://x', 400, undefined],
      ['gopher://127.0.0.1:6379/_INFO', 400, undefined],
      ['file:///etc/passwd', 400, undefined],
      ['hooks.example.org/liaison', 400, undefined],
      // Other spellings of 127.0.0.1: the URL parser reads them as 127.0.0.1, which the policy refuses.
      ['http://2130706433/', 422, 'WEBHOOK.ADDRESS_NOT_PUBLIC'],
      ['http://0x7f.0.0.1/', 422, 'WEBHOOK.ADDRESS_NOT_PUBLIC'],
      ['https://user:secret@93.184.215.14/hook', 422, 'WEBHOOK.URL_NOT_ALLOWED'],
      // Not resolving answers as a private address does: the API does not tell which internal names exist.
      ['https://no-such-host.invalid/hook', 422, 'WEBHOOK.ADDRESS_NOT_PUBLIC'],
      ['http://postgres:5432/', 422, 'WEBHOOK.ADDRESS_NOT_PUBLIC'],
    ];
    for (const [url, status, code] of cases) {
      const res = await http().post('/v1/people').auth(ADMIN_TOKEN, bearer).send(personBody(world.cast.nato, url));
      expect({ url, status: res.status, code: res.body.code as unknown }).toEqual({ url, status, code });
      expect(fieldsOf(res.body)).toEqual([FIELD]);
    }
  });

  it('accepts a public address, so the refusals above are about the address', async () => {
    const res = await http().post('/v1/people').auth(ADMIN_TOKEN, bearer).send(personBody(world.cast.nato, 'https://93.184.215.14/hook'));
    expect(res.status).toBe(201);
    expect(res.body.channels.webhookUrl).toBe('https://93.184.215.14/hook');
  });

  describe('a URL stored before the check (written straight into Postgres)', () => {
    it('is not connected to by the test endpoint, which answers only delivered:false', async () => {
      const path = `/hooks/${randomUUID()}`;
      const person = await personWithStoredUrl(`http://127.0.0.1:${receiverPort}${path}`);
      const res = await http().post('/v1/me/webhooks/test').auth(person.token, bearer).expect(200);
      expect(res.body).toEqual({ delivered: false, webhookId: expect.stringMatching(/^test\./) });
      // The answer came after the attempt: had it connected, the receiver would have the request by now.
      expect(received).toEqual([]);
    });

    it('is not connected to when its name resolves to loopback at the time of sending', async () => {
      const path = `/hooks/${randomUUID()}`;
      const person = await personWithStoredUrl(`http://localhost:${receiverPort}${path}`);
      const res = await http().post('/v1/me/webhooks/test').auth(person.token, bearer).expect(200);
      expect(res.body).toEqual({ delivered: false, webhookId: expect.any(String) });
      expect(received).toEqual([]);
    });

    it('gives a port scanner nothing: an open port (Postgres) and one that drops connections answer alike, with no error text', async () => {
      const dead = await deadEndpoint();
      try {
        const open = await personWithStoredUrl('http://127.0.0.1:5432/');
        const closed = await personWithStoredUrl(dead.url);
        const a = await http().post(`/v1/people/${open.id}/webhooks/test`).auth(ADMIN_TOKEN, bearer).expect(200);
        const b = await http().post(`/v1/people/${closed.id}/webhooks/test`).auth(ADMIN_TOKEN, bearer).expect(200);
        expect(Object.keys(a.body).sort()).toEqual(['delivered', 'webhookId']);
        expect(Object.keys(b.body).sort()).toEqual(['delivered', 'webhookId']);
        expect([a.body.delivered, b.body.delivered]).toEqual([false, false]);
        const text = JSON.stringify([a.body, b.body]);
        const leaks = ['ECONNREFUSED', 'ECONNRESET', 'hang up', 'fetch failed', 'socket', '5432', '127.0.0.1'];
        expect(leaks.filter((leak) => text.includes(leak))).toEqual([]);
      } finally {
        await dead.close();
      }
    });

    it('fails a reminder without contacting it, with a lastError that names no address', async () => {
      const path = `/hooks/${randomUUID()}`;
      const person = await personWithStoredUrl(`http://127.0.0.1:${receiverPort}${path}`);
      const exchange = await createExchange(
        world.stack,
        world.cast.unCoordinator,
        exchangeBody(world.cast, { startsAt: inSeconds(leadSeconds + 8), participantIds: [person.id], reminderOffsets: ['PT8S'] }),
      );
      await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id as string, 2);
      const rows = await waitFor(
        'the in-app and webhook reminders sent or failed',
        // Read by the person's own coordinator (NATO): another organisation's sees no lastError.
        () => remindersOf(world.stack, world.cast.natoCoordinator, exchange.id as string),
        (current) => current.length === 2 && current.every((r) => r.status === 'sent' || r.status === 'failed'),
      );
      expect(rows.find((r) => r.channel === 'inapp')).toMatchObject({ status: 'sent' });
      // Both attempts (REMINDER_ATTEMPTS=2) refused before connecting.
      expect(rows.find((r) => r.channel === 'webhook')).toMatchObject({
        status: 'failed',
        attempts: 2,
        lastError: 'webhook not delivered: address not allowed',
      });
      expect(received).toEqual([]);
    });
  });
});
