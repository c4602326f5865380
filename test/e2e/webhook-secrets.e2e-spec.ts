import { createHmac, randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { DataSource } from 'typeorm';
import { auditOf, useStack } from '../support/exchanges';
import { createPerson, TestPerson, uniqueCode, waitFor } from '../support/fixtures';
import { listenOnPortZero } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';

const bearer = { type: 'bearer' } as const;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** Whether one of the `v1,` signatures of a received webhook is HMAC-SHA256 under `secret`, checked as docs/WEBHOOKS.md says. */
function signedWith(secret: string, request: Received): boolean {
  const id = request.headers['webhook-id'] as string;
  const timestamp = request.headers['webhook-timestamp'] as string;
  const expected = `v1,${createHmac('sha256', secret).update(`${id}.${timestamp}.${request.body}`).digest('base64')}`;
  return signaturesOf(request).includes(expected);
}

const signaturesOf = (request: Received) => (request.headers['webhook-signature'] as string).split(' ');

/** The request with only its `index`th signature: to check which secret signed which position. */
const signed = (request: Received, index: number): Received => ({
  ...request,
  headers: { ...request.headers, 'webhook-signature': signaturesOf(request)[index] },
});

/**
 * Each organisation signs its people's webhooks with a secret of its own, shown once when the
 * organisation is created and when it is rotated; after a rotation both secrets sign for
 * WEBHOOK_SECRET_GRACE (ten seconds here: long enough for a ping right after the rotation on a
 * slow machine, which the test checks by the ping's timestamp), then only the new one.
 */
describe('webhook signing secrets, one per organisation', () => {
  const world = useStack(0, { WEBHOOK_SECRET_GRACE: 'PT10S' });
  const http = () => world.stack.http();

  const requests = new Map<string, Received[]>();
  let receiver: Server;
  let base = '';
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const list = requests.get(req.url ?? '/') ?? [];
        list.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        requests.set(req.url ?? '/', list);
        res.writeHead(204).end();
      });
    });
    base = `http://127.0.0.1:${await listenOnPortZero(receiver)}`;
  });
  afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

  /** A new organisation; the creation's answer is the one place its first secret is shown. */
  async function organization(): Promise<{ code: string; secret: string }> {
    const code = uniqueCode('WS');
    const res = await http()
      .post('/v1/organizations')
      .auth(ADMIN_TOKEN, bearer)
      .send({ code, name: `${code} secretariat`, timezone: 'Europe/Brussels' })
      .expect(201);
    expect(res.body.webhookSecret).toEqual(expect.stringMatching(/^[A-Za-z0-9_-]{43}$/));
    return { code, secret: res.body.webhookSecret as string };
  }

  /** A person of `code` with a webhook at a path of their own. */
  async function hooked(code: string): Promise<TestPerson & { path: string }> {
    const person = await createPerson(world.stack, code);
    const path = `/hooks/${randomUUID()}`;
    await http()
      .patch(`/v1/people/${person.id}`)
      .auth(ADMIN_TOKEN, bearer)
      .send({ channels: { email: false, webhookUrl: `${base}${path}` } })
      .expect(200);
    return { ...person, path };
  }

  /** A test send to the person's URL, and what their receiver got. */
  async function ping(person: TestPerson & { path: string }): Promise<Received> {
    const before = requests.get(person.path)?.length ?? 0;
    const res = await http().post('/v1/me/webhooks/test').auth(person.token, bearer).expect(200);
    expect(res.body).toMatchObject({ delivered: true, status: 204 });
    const got = requests.get(person.path) ?? [];
    expect(got).toHaveLength(before + 1);
    return got[before];
  }

  it("signs each organisation's webhooks with its own secret: one organisation's receiver cannot check (or forge) another's", async () => {
    const a = await organization();
    const b = await organization();
    expect(a.secret).not.toBe(b.secret);
    const [toA, toB] = [await ping(await hooked(a.code)), await ping(await hooked(b.code))];

    expect(signaturesOf(toA)).toHaveLength(1);
    expect(signedWith(a.secret, toA)).toBe(true);
    expect(signedWith(b.secret, toA)).toBe(false);
    expect(signedWith(b.secret, toB)).toBe(true);
    expect(signedWith(a.secret, toB)).toBe(false);
  });

  it('never shows a secret again: not in the list of organisations, not in the audit trail', async () => {
    const a = await organization();
    const list = await http().get('/v1/organizations').auth(ADMIN_TOKEN, bearer).expect(200);
    expect(JSON.stringify(list.body).includes(a.secret)).toBe(false);
    expect((list.body.items as Array<Record<string, unknown>>).every((o) => !('webhookSecret' in o))).toBe(true);
    const coordinator = await createPerson(world.stack, a.code, { roles: ['coordinator', 'participant'] });
    const rotated = await http().post(`/v1/organizations/${a.code}/webhook-secret/rotate`).auth(coordinator.token, bearer).expect(200);
    const organizationId = (list.body.items as Array<{ id: string; code: string }>).find((o) => o.code === a.code)!.id;
    const audit = await world.stack.api
      .get(DataSource)
      .query(`SELECT action, details FROM audit_events WHERE entity_id = $1 ORDER BY id`, [organizationId]);
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['organization.create', 'organization.webhook-secret.rotate']);
    expect(JSON.stringify(audit).includes(a.secret)).toBe(false);
    expect(JSON.stringify(audit).includes(rotated.body.secret as string)).toBe(false);
  });

  it('rotates: the new secret once, both signatures during the grace period, then only the new one', async () => {
    const a = await organization();
    const coordinator = await createPerson(world.stack, a.code, { roles: ['coordinator', 'participant'] });
    const person = await hooked(a.code);

    const rotated = await http().post(`/v1/organizations/${a.code}/webhook-secret/rotate`).auth(coordinator.token, bearer).expect(200);
    expect(rotated.body).toEqual({
      secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      previousValidUntil: expect.any(String),
    });
    const fresh = rotated.body.secret as string;
    expect(fresh).not.toBe(a.secret);

    const validUntil = Date.parse(rotated.body.previousValidUntil as string);
    const sentAt = (received: Received) => Number(received.headers['webhook-timestamp']) * 1000;

    // Until previousValidUntil, both: the new signature first.
    const during = await ping(person);
    expect(sentAt(during) < validUntil).toBe(true);
    expect(signaturesOf(during)).toHaveLength(2);
    expect(signedWith(fresh, signed(during, 0))).toBe(true);
    expect(signedWith(a.secret, signed(during, 1))).toBe(true);

    // After it, the old one is gone (the timestamp is whole seconds: sent in the second of the end or later).
    const after = await waitFor(
      'a webhook signed with the new secret only',
      () => ping(person),
      (received) => signaturesOf(received).length === 1,
    );
    expect(signedWith(fresh, after)).toBe(true);
    expect(signedWith(a.secret, after)).toBe(false);
    expect(sentAt(after) + 1000 > validUntil).toBe(true);
  });

  it('says until when the previous secret signs: the rotation plus WEBHOOK_SECRET_GRACE, as the secrets table keeps it', async () => {
    const a = await organization();
    const coordinator = await createPerson(world.stack, a.code, { roles: ['coordinator', 'participant'] });
    const rotated = await http().post(`/v1/organizations/${a.code}/webhook-secret/rotate`).auth(coordinator.token, bearer).expect(200);
    const rows: Array<{ created_at: Date; expires_at: Date | null }> = await world.stack.api.get(DataSource).query(
      `SELECT s.created_at, s.expires_at FROM webhook_secrets s JOIN organizations o ON o.id = s.organization_id
        WHERE o.code = $1 ORDER BY s.expires_at NULLS FIRST`,
      [a.code],
    );
    const [current, previous] = rows;
    expect(rows).toHaveLength(2);
    expect(current.expires_at).toBeNull();
    // The old secret's end is the one the table keeps, ten seconds (PT10S) after the rotation made the new one.
    expect(Date.parse(rotated.body.previousValidUntil as string)).toBe(previous.expires_at!.getTime());
    expect(previous.expires_at!.getTime() - current.created_at.getTime()).toBe(10_000);
  });

  it("may be rotated by an admin and the organisation's coordinators only", async () => {
    const a = await organization();
    const b = await organization();
    const coordinatorA = await createPerson(world.stack, a.code, { roles: ['coordinator', 'participant'] });
    const participantA = await createPerson(world.stack, a.code);
    const coordinatorB = await createPerson(world.stack, b.code, { roles: ['coordinator', 'participant'] });
    const rotate = (code: string) => http().post(`/v1/organizations/${code}/webhook-secret/rotate`);

    await rotate(a.code).expect(401);
    expect((await rotate(a.code).auth(participantA.token, bearer).expect(403)).body.code).toBe('ORGANIZATION.NOT_COORDINATOR');
    expect((await rotate(a.code).auth(coordinatorB.token, bearer).expect(403)).body.code).toBe('ORGANIZATION.NOT_COORDINATOR');
    expect((await rotate('NO-SUCH-ORG').auth(ADMIN_TOKEN, bearer).expect(404)).body.code).toBe('ORGANIZATION.NOT_FOUND');
    await rotate(a.code).auth(coordinatorA.token, bearer).expect(200);
    await rotate(a.code).auth(ADMIN_TOKEN, bearer).expect(200);
    expect((await auditOf(world.stack, (await organizationId(a.code)) ?? '')).map((e) => [e.action, e.actorId])).toEqual([
      ['organization.create', null],
      ['organization.webhook-secret.rotate', coordinatorA.id],
      ['organization.webhook-secret.rotate', null],
    ]);
  });

  async function organizationId(code: string): Promise<string | undefined> {
    const list = await http().get('/v1/organizations').auth(ADMIN_TOKEN, bearer).expect(200);
    return (list.body.items as Array<{ id: string; code: string }>).find((o) => o.code === code)?.id;
  }
});
