import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { DataSource } from 'typeorm';
import { WebhookSecretsRepository } from '../../libs/persistence/src';
import { verifyWebhook } from '../../libs/notifications/src/channels/webhook-signature';
import { auditOf, createExchange, exchangeBody, inboxOf, planningLeadMs, plannedInTime, remindersOf, useStack } from '../support/exchanges';
import { inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { deadEndpoint, listenOnPortZero } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';
import { submit, supportCast } from '../support/support-requests';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  receivedAt: number;
}

/** A webhook receiver on an ephemeral port: records every request; each path answers the status it is given (200 by default). */
class Receiver {
  readonly requests: Received[] = [];
  private readonly statuses = new Map<string, number>();
  private server?: Server;
  private port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const path = req.url ?? '/';
        this.requests.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() });
        res.writeHead(this.statuses.get(path) ?? 200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    this.port = await listenOnPortZero(this.server);
  }

  /** A fresh path of this receiver, answering `status`. */
  endpoint(status = 200): { path: string; url: string } {
    const path = `/hooks/${randomUUID()}`;
    this.statuses.set(path, status);
    return { path, url: `http://127.0.0.1:${this.port}${path}` };
  }

  at(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * The documented procedure, done here with node:crypto alone (not with Liaison's helper): HMAC-SHA256
 * under the secret over "<webhook-id>.<webhook-timestamp>.<raw body>", base64, compared with each
 * "v1,<signature>" of the header; the timestamp within 5 minutes.
 */
function verifiedByHand(secret: string, request: Received): boolean {
  const id = request.headers['webhook-id'] as string;
  const timestamp = request.headers['webhook-timestamp'] as string;
  const expected = createHmac('sha256', secret).update(`${id}.${timestamp}.${request.body}`).digest('base64');
  const given = (request.headers['webhook-signature'] as string).split(' ');
  const fresh = Math.abs(Math.floor(request.receivedAt / 1000) - Number(timestamp)) <= 300;
  return fresh && given.includes(`v1,${expected}`);
}

/** The signed webhook channel, on the real stack, with its own people and a local receiver. */
describe('webhooks', () => {
  // Two attempts, so that a failing receiver ends `failed` soon; support-request stages within seconds
  // (their reminder rows are written when the stage's timer fires, so they cannot be planned late).
  const env: Record<string, string> = {
    REMINDER_ATTEMPTS: '2',
    SUPPORT_ACKNOWLEDGE_WITHIN: 'routine=PT8S,priority=PT8S,urgent=PT8S',
    SUPPORT_REMIND_BEFORE: 'routine=PT4S,priority=PT4S,urgent=PT4S',
    SUPPORT_ESCALATE_AFTER: 'routine=P2D,priority=P2D,urgent=P2D',
  };
  const world = useStack(0, env);
  const receiver = new Receiver();
  const http = () => world.stack.http();
  /** The suite's NATO's current signing secret: the people of this suite are its NATO's, but for the support request's provider. */
  let nato = '';
  const secret = () => nato;
  /** A reminder due this far ahead is planned before it falls due on this machine (see planningLeadMs). */
  let leadSeconds: number;

  /** An organisation's current signing secret, read by the API's own store (the API shows it only when it is made or rotated). */
  async function secretOf(code: string): Promise<string> {
    const [{ id }] = await world.stack.api.get(DataSource).query('SELECT id FROM organizations WHERE code = $1', [code]);
    const [current] = await world.stack.api.get(WebhookSecretsRepository).signingSecrets(id as string);
    return current;
  }

  beforeAll(async () => {
    await receiver.start();
    nato = await secretOf(world.cast.nato);
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });
  afterAll(() => receiver.stop());

  /** A person of `organization` whose webhooks go to `url` (none if null). */
  async function personWithWebhook(organization: string, url: string | null, roles = ['participant']): Promise<TestPerson> {
    const email = `wh-${randomUUID().slice(0, 8)}@${organization.toLowerCase()}.example.org`;
    const res = await http()
      .post('/v1/people')
      .auth(ADMIN_TOKEN, { type: 'bearer' })
      .send({
        name: `Webhook ${email}`,
        email,
        organization,
        level: 'working',
        roles,
        timezone: 'Europe/Brussels',
        channels: { email: false, ...(url ? { webhookUrl: url } : {}) },
      })
      .expect(201);
    expect(res.body.channels).toMatchObject({ email: false, webhookUrl: url });
    return { id: res.body.id as string, token: res.body.token as string, email, organization };
  }

  /** Waits until every reminder row of the exchange (`count` of them) has settled as sent or failed. */
  const settled = (exchangeId: string, count: number, reader: TestPerson = world.cast.unCoordinator) =>
    waitFor(
      `the ${count} reminders of exchange ${exchangeId} sent or failed`,
      () => remindersOf(world.stack, reader, exchangeId),
      (rows) => rows.length === count && rows.every((r) => r.status === 'sent' || r.status === 'failed'),
    );

  it('sends an exchange reminder to the person’s URL, signed so that the documented procedure verifies it', async () => {
    const hook = receiver.endpoint();
    const person = await personWithWebhook(world.cast.nato, hook.url);
    const startsAt = inSeconds(leadSeconds + 10);
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt, participantIds: [person.id], reminderOffsets: ['PT10S'] }),
    );

    // In-app and webhook (no e-mail: it is off), planned with the exchange, before their due time.
    const planned = await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id as string, 2);
    expect(planned.map((r) => r.channel).sort()).toEqual(['inapp', 'webhook']);
    const webhookRow = planned.find((r) => r.channel === 'webhook')!;

    // Both rows settled: the webhook went out once, and only once.
    const rows = await settled(exchange.id as string, 2);
    expect(rows.find((r) => r.channel === 'webhook')).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(rows.find((r) => r.channel === 'inapp')).toMatchObject({ status: 'sent' });
    const received = receiver.at(hook.path);
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-id']).toBe(webhookRow.key);
    expect(request.headers['webhook-timestamp']).toMatch(/^\d+$/);
    // The timestamp is the sending time: not before the reminder fell due, not after it arrived.
    const timestamp = Number(request.headers['webhook-timestamp']);
    const dueAt = Date.parse(startsAt) - 10_000;
    expect(timestamp * 1000 >= dueAt - 999 && timestamp * 1000 <= request.receivedAt).toBe(true);
    expect(request.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
    expect(verifiedByHand(secret(), request)).toBe(true);
    expect(verifyWebhook(secret(), request.headers, request.body)).toBe(true);
    // Any change to the body breaks the signature.
    expect(verifiedByHand(secret(), { ...request, body: request.body.replace('Reminder', 'Reminded') })).toBe(false);
    expect(verifiedByHand('another-secret-0123456789', request)).toBe(false);

    const payload = JSON.parse(request.body);
    expect(payload).toEqual({
      type: 'exchange.reminder',
      timestamp: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      data: {
        reminderId: webhookRow.id,
        key: webhookRow.key,
        title: `Reminder: ${exchange.title as string}`,
        body: expect.stringContaining(exchange.title as string),
        link: `http://liaison.test/exchanges/${exchange.id as string}`,
        exchangeId: exchange.id,
        supportRequestId: null,
        dueAt: new Date(dueAt).toISOString(),
      },
    });
    expect((await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id)).toHaveLength(1);
  });

  it('keeps a RESTRICTED exchange’s title and its action item’s text out of the webhook: only times and a link', async () => {
    const hook = receiver.endpoint();
    const person = await personWithWebhook(world.cast.nato, hook.url);
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, {
        title: `Sensitive talks ${randomUUID().slice(0, 6)}`,
        location: 'Room 7, building B',
        startsAt: inSeconds(leadSeconds + 8),
        participantIds: [person.id],
        reminderOffsets: ['PT8S'],
        marking: 'RESTRICTED',
        actionItemNotice: 'PT1H',
      }),
    );
    await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id as string, 2);
    // Due in an hour, with an hour's notice: its owner is told at once (in-app and webhook).
    await http()
      .post(`/v1/exchanges/${exchange.id}/action-items`)
      .auth(world.cast.unCoordinator.token, { type: 'bearer' })
      .send({ title: 'Secret deployment plan', ownerId: person.id, dueAt: inSeconds(3600) })
      .expect(201);

    // The exchange reminder and the action-item notice, each in-app and by webhook: four rows settled, two webhooks.
    const rows = await settled(exchange.id as string, 4);
    expect(rows.map((r) => `${r.kind as string}/${r.channel as string}/${r.status as string}`).sort()).toEqual([
      'action-due/inapp/sent',
      'action-due/webhook/sent',
      'exchange/inapp/sent',
      'exchange/webhook/sent',
    ]);
    const requests = receiver.at(hook.path);
    expect(requests.map((r) => JSON.parse(r.body).type).sort()).toEqual(['action-item.due', 'exchange.reminder']);
    for (const request of requests) {
      expect(verifiedByHand(secret(), request)).toBe(true);
      // Text that must not leave Liaison: found nowhere in the body.
      for (const secretText of [exchange.title as string, 'Secret deployment plan', 'Room 7'])
        expect(request.body.includes(secretText)).toBe(false);
      const { data } = JSON.parse(request.body);
      expect(data.link).toBe(`http://liaison.test/exchanges/${exchange.id as string}`);
      expect(data.body).toMatch(/sign-in required/);
      expect(data.exchangeId).toBe(exchange.id);
    }

    // The in-app inbox, behind a token, shows them.
    const inbox = (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id);
    expect(inbox.map((n) => n.kind).sort()).toEqual(['action-item.due', 'exchange.reminder']);
    expect(inbox.find((n) => n.kind === 'exchange.reminder')?.title).toBe(`Reminder: ${exchange.title as string}`);
    expect(inbox.find((n) => n.kind === 'action-item.due')?.title).toMatch(/Secret deployment plan/);
  });

  it('sends a RESTRICTED support request’s deadline reminder by webhook with only the deadline and a link', async () => {
    const cast = await supportCast(world.stack);
    const hook = receiver.endpoint();
    await http()
      .patch(`/v1/people/${cast.provider.id}`)
      .auth(ADMIN_TOKEN, { type: 'bearer' })
      .send({ channels: { email: true, webhookUrl: hook.url } })
      .expect(200);
    const request = await submit(world.stack, cast, { marking: 'RESTRICTED', title: 'Sensitive support for sector west' });

    // Nobody is assigned yet: the providing coordinator is reminded before the acknowledgement
    // deadline, then told of its breach; the escalation is two days out. The breach's webhook
    // arriving proves the reminder stage, due before it, has been dealt with.
    const both = await waitFor(
      'the support-request reminder and breach by webhook',
      async () => receiver.at(hook.path).map((r) => JSON.parse(r.body).type as string),
      (types) => types.includes('support-request.breach') && types.includes('support-request.reminder'),
    );
    expect(both.sort()).toEqual(['support-request.breach', 'support-request.reminder']);
    const received = receiver.at(hook.path).find((r) => JSON.parse(r.body).type === 'support-request.reminder')!;
    expect(verifiedByHand(await secretOf(cast.provider.organization), received)).toBe(true);
    expect(verifiedByHand(secret(), received)).toBe(false);
    const payload = JSON.parse(received.body);
    expect(payload.data).toMatchObject({
      exchangeId: null,
      supportRequestId: request.id,
      link: `http://liaison.test/support-requests/${request.id as string}`,
    });
    expect(received.headers['webhook-id']).toMatch(new RegExp(`^sr\\.${request.id as string}\\.acknowledge\\.r1\\.support-reminder\\.`));
    for (const r of receiver.at(hook.path)) expect(r.body.includes('Sensitive support for sector west')).toBe(false);
  });

  describe('test sends', () => {
    it('POST /v1/me/webhooks/test delivers a signed ping and says how the receiver answered', async () => {
      const hook = receiver.endpoint(202);
      const person = await personWithWebhook(world.cast.nato, hook.url);
      const res = await http().post('/v1/me/webhooks/test').auth(person.token, { type: 'bearer' }).expect(200);
      expect(res.body).toEqual({ delivered: true, status: 202, webhookId: expect.stringMatching(/^test\./) });

      const pings = receiver.at(hook.path);
      expect(pings).toHaveLength(1);
      const [ping] = pings;
      expect(ping.headers['webhook-id']).toBe(res.body.webhookId);
      expect(verifiedByHand(secret(), ping)).toBe(true);
      expect(JSON.parse(ping.body)).toMatchObject({ type: 'webhook.test', data: { personId: person.id } });

      const audit = await auditOf(world.stack, person.id);
      expect(audit.filter((a) => a.action === 'webhook.test')).toEqual([
        { action: 'webhook.test', fromState: null, toState: null, actorId: person.id },
      ]);
    });

    it('answers delivered:false with 200 when the receiver is unreachable or answers an error', async () => {
      const dead = await deadEndpoint();
      try {
        const unreachable = await personWithWebhook(world.cast.nato, dead.url);
        const down = await http().post('/v1/me/webhooks/test').auth(unreachable.token, { type: 'bearer' }).expect(200);
        // Only that it was not delivered: why (a dropped connection, here) would tell what listens where.
        expect(down.body).toEqual({ delivered: false, webhookId: expect.any(String) });
      } finally {
        await dead.close();
      }

      const failing = receiver.endpoint(500);
      const broken = await personWithWebhook(world.cast.nato, failing.url);
      const answer = await http().post('/v1/me/webhooks/test').auth(broken.token, { type: 'bearer' }).expect(200);
      expect(answer.body).toEqual({ delivered: false, status: 500, webhookId: expect.any(String) });
      expect(receiver.at(failing.path)).toHaveLength(1);
    });

    it('is a 409 without a URL, and the admin token has no URL of its own', async () => {
      const plain = await personWithWebhook(world.cast.nato, null);
      const res = await http().post('/v1/me/webhooks/test').auth(plain.token, { type: 'bearer' }).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, code: 'WEBHOOK.NOT_CONFIGURED' });
      const admin = await http().post('/v1/me/webhooks/test').auth(ADMIN_TOKEN, { type: 'bearer' }).expect(403);
      expect(admin.body.code).toBe('ME.NOT_A_PERSON');
      const ofPerson = await http().post(`/v1/people/${plain.id}/webhooks/test`).auth(ADMIN_TOKEN, { type: 'bearer' }).expect(409);
      expect(ofPerson.body.code).toBe('WEBHOOK.NOT_CONFIGURED');
    });

    it('POST /v1/people/:id/webhooks/test: admins and the person’s coordinators; 404 for whoever cannot see the person, 403 for the person themself', async () => {
      const hook = receiver.endpoint();
      const person = await personWithWebhook(world.cast.nato, hook.url);
      const colleague = await personWithWebhook(world.cast.nato, null);

      const byOwnCoordinator = await http()
        .post(`/v1/people/${person.id}/webhooks/test`)
        .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
        .expect(200);
      expect(byOwnCoordinator.body).toEqual({ delivered: true, status: 200, webhookId: expect.stringMatching(/^test\./) });
      const byAdmin = await http().post(`/v1/people/${person.id}/webhooks/test`).auth(ADMIN_TOKEN, { type: 'bearer' }).expect(200);
      expect(byAdmin.body).toEqual({ delivered: true, status: 200, webhookId: expect.stringMatching(/^test\./) });

      // Another organisation's coordinator and a colleague cannot see the person: 404, as for GET /v1/people/:id.
      const otherCoordinator = await http()
        .post(`/v1/people/${person.id}/webhooks/test`)
        .auth(world.cast.unCoordinator.token, { type: 'bearer' })
        .expect(404);
      expect(otherCoordinator.body.code).toBe('PERSON.NOT_FOUND');
      const byColleague = await http().post(`/v1/people/${person.id}/webhooks/test`).auth(colleague.token, { type: 'bearer' }).expect(404);
      expect(byColleague.body.code).toBe('PERSON.NOT_FOUND');
      const self = await http().post(`/v1/people/${person.id}/webhooks/test`).auth(person.token, { type: 'bearer' }).expect(403);
      expect(self.body.code).toBe('WEBHOOK.NOT_COORDINATOR');
      const nobody = await http()
        .post(`/v1/people/${randomUUID()}/webhooks/test`)
        .auth(world.cast.natoCoordinator.token, { type: 'bearer' })
        .expect(404);
      expect(nobody.body.code).toBe('PERSON.NOT_FOUND');
      await http().post('/v1/people/not-a-uuid/webhooks/test').auth(ADMIN_TOKEN, { type: 'bearer' }).expect(400);

      const pings = receiver.at(hook.path);
      expect(pings).toHaveLength(2);
      expect(pings.every((p) => verifiedByHand(secret(), p))).toBe(true);
      const audit = (await auditOf(world.stack, person.id)).filter((a) => a.action === 'webhook.test');
      expect(audit.map((a) => a.actorId)).toEqual([world.cast.natoCoordinator.id, null]);
    });
  });

  it('retries a receiver that answers 500, then marks the reminder failed with the error', async () => {
    const hook = receiver.endpoint(500);
    const person = await personWithWebhook(world.cast.nato, hook.url);
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(leadSeconds + 8), participantIds: [person.id], reminderOffsets: ['PT8S'] }),
    );
    await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id as string, 2);
    // Read by the person's own coordinator (NATO): UN's would see the row without its lastError.
    const rows = await settled(exchange.id as string, 2, world.cast.natoCoordinator);
    const failed = rows.find((r) => r.channel === 'webhook')!;
    expect(failed).toMatchObject({
      status: 'failed',
      attempts: 2,
      sentAt: null,
      lastError: 'webhook not delivered: the receiver answered 500',
    });

    // REMINDER_ATTEMPTS=2: two POSTs of the same message (same webhook-id), each signed for its own timestamp.
    const attempts = receiver.at(hook.path);
    expect(attempts).toHaveLength(2);
    expect(attempts.map((a) => a.headers['webhook-id'])).toEqual([failed.key, failed.key]);
    expect(attempts.every((a) => verifiedByHand(secret(), a))).toBe(true);
    expect(attempts[1].receivedAt).toBeGreaterThan(attempts[0].receivedAt);

    // The other channel is not held back by the failing one.
    expect(rows.find((r) => r.channel === 'inapp')?.status).toBe('sent');
  });
});
