import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { createExchange, exchangeBody, planningLeadMs, plannedInTime, useStack } from '../support/exchanges';
import { createOrganization, createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { deadEndpoint, listenOnPortZero } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';

/**
 * Who may act on a person (issue 17): nobody acts on a person who holds a role they do not hold
 * themselves, only an admin gives, takes or acts on `admin`, and every refusal is audited. Then the
 * leavers: a deactivated person's token, reminders and webhook stop at once, and come back on
 * reactivation. And a coordinator does not read the delivery errors of another organisation's people.
 */
describe('people: privileges, deactivation, delivery errors across organisations', () => {
  const world = useStack(0);
  const http = () => world.stack.http();
  const bearer = { type: 'bearer' } as const;
  type Json = Record<string, any>;

  /** The webhook calls this suite's receiver got, by path. */
  const calls: Array<{ path: string; body: string }> = [];
  let receiver: Server;
  let hookBase: string;

  let own: string;
  let other: string;
  let coordinator: TestPerson;
  let admin: TestPerson;
  let otherCoordinator: TestPerson;
  /** A reminder due this far ahead is planned before it falls due on this machine (see planningLeadMs). */
  let leadSeconds: number;

  type Refusal = { code: string; attempted: string; actor: string | null };

  /** The `person.refused` audit events about `personId` (or by `personId`, as `person`), oldest first, read through the admin API. */
  async function auditedRefusals(filter: { entity: string } | { person: string }): Promise<Json[]> {
    const res = await http()
      .get('/v1/admin/audit')
      .query({ ...filter, action: 'person.refused', limit: 200 })
      .auth(ADMIN_TOKEN, bearer)
      .expect(200);
    return (res.body.items as Json[]).reverse();
  }
  const asRefusal = (e: Json): Refusal => ({ code: e.details.code, attempted: e.details.attempted, actor: e.actor.id });

  /** `{ code, attempted, actor }` of every `person.refused` audit event about `personId`, oldest first. */
  const refusalsOf = async (personId: string): Promise<Refusal[]> => (await auditedRefusals({ entity: personId })).map(asRefusal);

  /**
   * For a person other tests refuse things about too (the admin colleague, the coordinator): a
   * reader of the refusals recorded after this call, oldest first, so that a test asserts exactly its own.
   */
  async function refusalsFrom(filter: { entity: string } | { person: string }): Promise<() => Promise<Json[]>> {
    const earlier = new Set((await auditedRefusals(filter)).map((e) => e.id as string));
    return async () => (await auditedRefusals(filter)).filter((e) => !earlier.has(e.id as string));
  }

  const asAdmin = (id: string) => http().get(`/v1/people/${id}`).auth(ADMIN_TOKEN, bearer).expect(200);

  beforeAll(async () => {
    receiver = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        calls.push({ path: req.url ?? '', body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = 204;
        res.end();
      });
    });
    hookBase = `http://127.0.0.1:${await listenOnPortZero(receiver)}`;

    own = await createOrganization(world.stack, 'PRIV', 'UTC');
    other = await createOrganization(world.stack, 'PRIVO', 'UTC');
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
    coordinator = await createPerson(world.stack, own, { roles: ['coordinator', 'participant'] });
    admin = await createPerson(world.stack, own, { roles: ['admin', 'participant'] });
    otherCoordinator = await createPerson(world.stack, other, { roles: ['coordinator', 'participant'] });
  });

  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  describe('acting on a person who holds a role the caller does not', () => {
    it('a coordinator cannot issue a token for an admin colleague (the escalation of issue 17), and the refusal is audited', async () => {
      const added = await refusalsFrom({ entity: admin.id });
      const attack = await http().post(`/v1/people/${admin.id}/tokens`).auth(coordinator.token, bearer);
      expect(attack.status).toBe(403);
      expect(attack.body.code).toBe('PERSON.ADMIN_ROLE');
      expect(attack.body).not.toHaveProperty('token');
      // Nothing was issued: the admin's own token, which an issue would have revoked, still works.
      await http().get('/v1/me').auth(admin.token, bearer).expect(200);
      expect((await added()).map(asRefusal)).toEqual([
        { code: 'PERSON.ADMIN_ROLE', attempted: 'person.token.issue', actor: coordinator.id },
      ]);
    });

    it.each([
      ['e-mail', () => ({ email: `taken-${randomUUID().slice(0, 6)}@attacker.example.org` })],
      ['webhook', () => ({ channels: { email: true, webhookUrl: 'https://attacker.example.org/hook' } })],
      ['roles', () => ({ roles: ['participant'] })],
      ['name', () => ({ name: 'Renamed by a coordinator' })],
    ])('a coordinator cannot change the %s of an admin colleague (403, audited, nothing changed)', async (_what, body) => {
      const before = (await asAdmin(admin.id)).body as Json;
      const added = await refusalsFrom({ entity: admin.id });
      const res = await http().patch(`/v1/people/${admin.id}`).auth(coordinator.token, bearer).send(body());
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PERSON.ADMIN_ROLE');
      const after = (await asAdmin(admin.id)).body as Json;
      expect(after).toEqual(before);
      expect((await added()).map(asRefusal)).toEqual([{ code: 'PERSON.ADMIN_ROLE', attempted: 'person.update', actor: coordinator.id }]);
    });

    it('a coordinator cannot give the admin role, to a colleague or to themself', async () => {
      const participant = await createPerson(world.stack, own);
      const aboutCoordinator = await refusalsFrom({ entity: coordinator.id });
      const give = await http()
        .patch(`/v1/people/${participant.id}`)
        .auth(coordinator.token, bearer)
        .send({ roles: ['participant', 'admin'] });
      expect(give.status).toBe(403);
      expect(give.body.code).toBe('PERSON.ADMIN_ROLE');
      const self = await http()
        .patch(`/v1/people/${coordinator.id}`)
        .auth(coordinator.token, bearer)
        .send({ roles: ['coordinator', 'participant', 'admin'] });
      expect(self.status).toBe(403);
      expect(self.body.code).toBe('PERSON.ADMIN_ROLE');
      expect(((await asAdmin(participant.id)).body as Json).roles).toEqual(['participant']);
      expect(await refusalsOf(participant.id)).toEqual([{ code: 'PERSON.ADMIN_ROLE', attempted: 'person.update', actor: coordinator.id }]);
      expect((await aboutCoordinator()).map(asRefusal)).toEqual([
        { code: 'PERSON.ADMIN_ROLE', attempted: 'person.update', actor: coordinator.id },
      ]);
    });

    it('a coordinator cannot create a person with the admin role', async () => {
      const email = `adm-${randomUUID().slice(0, 8)}@priv.example.org`;
      const byCoordinator = await refusalsFrom({ person: coordinator.id });
      const res = await http()
        .post('/v1/people')
        .auth(coordinator.token, bearer)
        .send({ name: 'Would-be admin', email, organization: own, level: 'working', roles: ['admin'], timezone: 'UTC' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PERSON.ADMIN_ROLE');
      const trail = await byCoordinator();
      expect(trail).toHaveLength(1);
      expect(trail[0]).toMatchObject({
        entityType: 'organization',
        actor: { type: 'person', id: coordinator.id },
        details: { attempted: 'person.create', code: 'PERSON.ADMIN_ROLE', roles: ['admin'] },
      });
    });

    it('a coordinator who is not a participant can neither take the participant role away nor act on a participant', async () => {
      const bareCoordinator = await createPerson(world.stack, own, { roles: ['coordinator'] });
      const target = await createPerson(world.stack, own, { roles: ['coordinator', 'participant'] });
      const strip = await http()
        .patch(`/v1/people/${target.id}`)
        .auth(bareCoordinator.token, bearer)
        .send({ roles: ['coordinator'] });
      expect(strip.status).toBe(403);
      expect(strip.body.code).toBe('PERSON.ROLE_NOT_HELD');
      const token = await http().post(`/v1/people/${target.id}/tokens`).auth(bareCoordinator.token, bearer);
      expect(token.status).toBe(403);
      expect(token.body.code).toBe('PERSON.ROLE_NOT_HELD');
      expect(((await asAdmin(target.id)).body as Json).roles).toEqual(['coordinator', 'participant']);
      expect(await refusalsOf(target.id)).toEqual([
        { code: 'PERSON.ROLE_NOT_HELD', attempted: 'person.update', actor: bareCoordinator.id },
        { code: 'PERSON.ROLE_NOT_HELD', attempted: 'person.token.issue', actor: bareCoordinator.id },
      ]);
    });

    it('a participant cannot act on a coordinator: the coordinator does not exist for them (404), and is unchanged', async () => {
      const participant = await createPerson(world.stack, own);
      const tokens = await http().post(`/v1/people/${coordinator.id}/tokens`).auth(participant.token, bearer).expect(404);
      expect(tokens.body.code).toBe('PERSON.NOT_FOUND');
      const patch = await http()
        .patch(`/v1/people/${coordinator.id}`)
        .auth(participant.token, bearer)
        .send({ roles: ['participant'] })
        .expect(404);
      expect(patch.body.code).toBe('PERSON.NOT_FOUND');
      const deactivate = await http().post(`/v1/people/${coordinator.id}/deactivate`).auth(participant.token, bearer).expect(404);
      expect(deactivate.body.code).toBe('PERSON.NOT_FOUND');
      await http().get('/v1/me').auth(coordinator.token, bearer).expect(200);
      // Nor on themself beyond their own token: changing one's own roles is a manager's act.
      const self = await http()
        .patch(`/v1/people/${participant.id}`)
        .auth(participant.token, bearer)
        .send({ roles: ['coordinator'] });
      expect(self.status).toBe(403);
      expect(self.body.code).toBe('PERSON.NOT_MANAGER');
      expect(await refusalsOf(participant.id)).toEqual([{ code: 'PERSON.NOT_MANAGER', attempted: 'person.update', actor: participant.id }]);
    });

    it('a coordinator can neither deactivate nor webhook-test an admin colleague; an admin can act on an admin', async () => {
      await http()
        .patch(`/v1/people/${admin.id}`)
        .auth(ADMIN_TOKEN, bearer)
        .send({ channels: { email: false, webhookUrl: `${hookBase}/admin-${admin.id}` } })
        .expect(200);
      const added = await refusalsFrom({ entity: admin.id });
      const deactivate = await http().post(`/v1/people/${admin.id}/deactivate`).auth(coordinator.token, bearer);
      expect(deactivate.status).toBe(403);
      expect(deactivate.body.code).toBe('PERSON.ADMIN_ROLE');
      const ping = await http().post(`/v1/people/${admin.id}/webhooks/test`).auth(coordinator.token, bearer);
      expect(ping.status).toBe(403);
      expect(ping.body.code).toBe('PERSON.ADMIN_ROLE');
      // The test send is synchronous: refused, it has made no call, and never will.
      expect(calls.filter((c) => c.path === `/admin-${admin.id}`)).toEqual([]);
      expect((await added()).map(asRefusal)).toEqual([
        { code: 'PERSON.ADMIN_ROLE', attempted: 'person.deactivate', actor: coordinator.id },
        { code: 'PERSON.ADMIN_ROLE', attempted: 'webhook.test', actor: coordinator.id },
      ]);

      // An admin (person) may: a second admin issues the first a token, which reads the audit trail.
      const secondAdmin = await createPerson(world.stack, own, { roles: ['admin'] });
      const issued = await http().post(`/v1/people/${admin.id}/tokens`).auth(secondAdmin.token, bearer).expect(201);
      await http()
        .get('/v1/admin/audit')
        .auth(issued.body.token as string, bearer)
        .expect(200);
    });

    it('a coordinator still manages the participants and coordinators of their organisation', async () => {
      const participant = await createPerson(world.stack, own);
      await http()
        .patch(`/v1/people/${participant.id}`)
        .auth(coordinator.token, bearer)
        .send({ roles: ['participant', 'coordinator'] })
        .expect(200);
      const issued = await http().post(`/v1/people/${participant.id}/tokens`).auth(coordinator.token, bearer).expect(201);
      await http()
        .get('/v1/me')
        .auth(issued.body.token as string, bearer)
        .expect(200);
    });
  });

  describe('deactivation', () => {
    it('stops the token at once, skips due reminders (no e-mail, no webhook), shows the person inactive, and is undone by reactivation', async () => {
      const leaver = await createPerson(world.stack, own, { email: true });
      const stayer = await createPerson(world.stack, own, { email: true });
      const leaverHook = `/leaver-${leaver.id}`;
      for (const [person, path] of [
        [leaver, leaverHook],
        [stayer, `/stayer-${stayer.id}`],
      ] as const) {
        await http()
          .patch(`/v1/people/${person.id}`)
          .auth(coordinator.token, bearer)
          .send({ channels: { email: true, webhookUrl: `${hookBase}${path}` } })
          .expect(200);
      }
      await http().get('/v1/me').auth(leaver.token, bearer).expect(200);

      // An exchange whose reminder (in-app, e-mail, webhook) is due after the deactivation, planned before it.
      const exchange = await createExchange(
        world.stack,
        coordinator,
        exchangeBody(world.cast, {
          organizations: [own],
          hostOrganization: own,
          startsAt: inSeconds(leadSeconds + 10),
          participantIds: [leaver.id, stayer.id],
          reminderOffsets: ['PT10S'],
        }),
      );
      const reminders = async () =>
        (
          await http()
            .get(`/v1/exchanges/${exchange.id as string}/reminders?limit=200`)
            .auth(ADMIN_TOKEN, bearer)
            .expect(200)
        ).body.items as Json[];
      const planned = await plannedInTime(world.stack, coordinator, exchange.id as string, 6);
      expect(planned.map((r) => `${r.personId === leaver.id ? 'leaver' : 'stayer'}/${r.channel as string}`).sort()).toEqual([
        'leaver/email',
        'leaver/inapp',
        'leaver/webhook',
        'stayer/email',
        'stayer/inapp',
        'stayer/webhook',
      ]);

      const deactivated = await http().post(`/v1/people/${leaver.id}/deactivate`).auth(coordinator.token, bearer).expect(200);
      expect(deactivated.body).toMatchObject({ id: leaver.id, active: false });
      expect(typeof deactivated.body.deactivatedAt).toBe('string');

      const refused = await http().get('/v1/me').auth(leaver.token, bearer).expect(401);
      expect(refused.body.message).toMatch(/deactivated/);

      // Again: nothing changes (no-op), the first deactivation time stays.
      const again = await http().post(`/v1/people/${leaver.id}/deactivate`).auth(coordinator.token, bearer).expect(200);
      expect(again.body.deactivatedAt).toBe(deactivated.body.deactivatedAt);

      const listed = await http().get('/v1/people?limit=200').auth(coordinator.token, bearer).expect(200);
      expect((listed.body.items as Json[]).find((p) => p.id === leaver.id)).toMatchObject({ active: false });
      expect((listed.body.items as Json[]).find((p) => p.id === stayer.id)).toMatchObject({ active: true, deactivatedAt: null });

      // The stayer's reminder goes out on every channel; the leaver's are skipped, with the reason.
      // The rows settling is the proof that the due time passed and the leaver's were dealt with.
      const settled = await waitFor(
        'the six reminders settled',
        reminders,
        (rows) => rows.length === 6 && rows.every((r) => ['sent', 'skipped', 'failed', 'cancelled'].includes(r.status as string)),
      );
      expect(settled.filter((r) => r.personId === stayer.id).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
      expect(settled.filter((r) => r.personId === leaver.id).map((r) => [r.status, r.lastError])).toEqual([
        ['skipped', 'person deactivated'],
        ['skipped', 'person deactivated'],
        ['skipped', 'person deactivated'],
      ]);
      expect(world.stack.smtp.to(stayer.email)).toHaveLength(1);
      expect(world.stack.smtp.to(leaver.email)).toHaveLength(0);
      expect(calls.filter((c) => c.path === `/stayer-${stayer.id}`)).toHaveLength(1);
      expect(calls.filter((c) => c.path === leaverHook)).toHaveLength(0);

      // No webhook test to a deactivated person either.
      const ping = await http().post(`/v1/people/${leaver.id}/webhooks/test`).auth(coordinator.token, bearer);
      expect(ping.status).toBe(409);
      expect(ping.body.code).toBe('PERSON.DEACTIVATED');
      expect(calls.filter((c) => c.path === leaverHook)).toHaveLength(0);

      // An exchange made while they are away plans nothing for them.
      const later = await createExchange(
        world.stack,
        coordinator,
        exchangeBody(world.cast, {
          organizations: [own],
          hostOrganization: own,
          startsAt: inSeconds(3600),
          participantIds: [leaver.id, stayer.id],
          reminderOffsets: ['PT10M'],
        }),
      );
      // Planned at once, in one go: the stayer's three rows and none of the leaver's.
      const plannedLater = await plannedInTime(world.stack, coordinator, later.id as string, 3);
      expect(plannedLater.map((r) => [r.personId, r.channel]).sort()).toEqual([
        [stayer.id, 'email'],
        [stayer.id, 'inapp'],
        [stayer.id, 'webhook'],
      ]);

      const reactivated = await http().post(`/v1/people/${leaver.id}/reactivate`).auth(coordinator.token, bearer).expect(200);
      expect(reactivated.body).toMatchObject({ active: true, deactivatedAt: null });
      await http().get('/v1/me').auth(leaver.token, bearer).expect(200);

      const trail = await http().get('/v1/admin/audit').query({ entity: leaver.id }).auth(ADMIN_TOKEN, bearer).expect(200);
      const actions = (trail.body.items as Json[]).map((e) => e.action as string).reverse();
      expect(actions).toEqual(['person.create', 'person.update', 'person.deactivate', 'person.reactivate']);
    });

    it('only an admin or a coordinator of the organisation deactivates or reactivates; others do not see the person', async () => {
      const person = await createPerson(world.stack, own);
      const notFound = async (action: 'deactivate' | 'reactivate', caller: TestPerson) => {
        const res = await http().post(`/v1/people/${person.id}/${action}`).auth(caller.token, bearer).expect(404);
        expect(res.body.code).toBe('PERSON.NOT_FOUND');
      };
      await notFound('deactivate', otherCoordinator);
      const colleague = await createPerson(world.stack, own);
      await notFound('deactivate', colleague);
      // A participant sees themself, but deactivating is a manager's act.
      const self = await http().post(`/v1/people/${person.id}/deactivate`).auth(person.token, bearer).expect(403);
      expect(self.body.code).toBe('PERSON.NOT_MANAGER');
      await http().get('/v1/me').auth(person.token, bearer).expect(200);
      await http().post(`/v1/people/${person.id}/deactivate`).auth(ADMIN_TOKEN, bearer).expect(200);
      await http().get('/v1/me').auth(person.token, bearer).expect(401);
      await notFound('reactivate', otherCoordinator);
      await notFound('reactivate', colleague);
      await http().get('/v1/me').auth(person.token, bearer).expect(401);
      await http().post(`/v1/people/${person.id}/reactivate`).auth(coordinator.token, bearer).expect(200);
      await http().get('/v1/me').auth(person.token, bearer).expect(200);
    });
  });

  describe("another organisation's delivery errors", () => {
    /** A webhook address whose every connection is dropped, held while these tests run. */
    let dead: Awaited<ReturnType<typeof deadEndpoint>>;
    beforeAll(async () => {
      dead = await deadEndpoint();
    });
    afterAll(() => dead.close());

    it('a coordinator sees lastError only for the people of their own organisation; an admin sees every one', async () => {
      const broken = async (organization: string) => {
        const person = await createPerson(world.stack, organization);
        await http()
          .patch(`/v1/people/${person.id}`)
          .auth(ADMIN_TOKEN, bearer)
          .send({ channels: { email: false, webhookUrl: dead.url } })
          .expect(200);
        return person;
      };
      const ownPerson = await broken(own);
      const otherPerson = await broken(other);
      const exchange = await createExchange(
        world.stack,
        coordinator,
        exchangeBody(world.cast, {
          organizations: [own, other],
          hostOrganization: own,
          startsAt: inSeconds(leadSeconds + 5),
          participantIds: [ownPerson.id, otherPerson.id],
          reminderOffsets: ['PT5S'],
        }),
      );
      await plannedInTime(world.stack, coordinator, exchange.id as string, 4);
      const rowsAs = async (token: string) =>
        (
          await http()
            .get(`/v1/exchanges/${exchange.id as string}/reminders?limit=200`)
            .auth(token, bearer)
            .expect(200)
        ).body.items as Json[];
      const webhookOf = (rows: Json[], person: TestPerson) => rows.find((r) => r.personId === person.id && r.channel === 'webhook')!;
      const error = 'webhook not delivered: connection failed';
      const byAdmin = await waitFor(
        'both webhook reminders failed for good',
        () => rowsAs(ADMIN_TOKEN),
        (rows) => webhookOf(rows, ownPerson)?.status === 'failed' && webhookOf(rows, otherPerson)?.status === 'failed',
      );
      expect([webhookOf(byAdmin, ownPerson).lastError, webhookOf(byAdmin, otherPerson).lastError]).toEqual([error, error]);

      const byOwnCoordinator = await rowsAs(coordinator.token);
      expect(webhookOf(byOwnCoordinator, ownPerson)).toMatchObject({ status: 'failed', lastError: error });
      expect(webhookOf(byOwnCoordinator, otherPerson)).toMatchObject({ status: 'failed', lastError: null });

      const byOtherCoordinator = await rowsAs(otherCoordinator.token);
      expect(webhookOf(byOtherCoordinator, otherPerson)).toMatchObject({ status: 'failed', lastError: error });
      expect(webhookOf(byOtherCoordinator, ownPerson)).toMatchObject({ status: 'failed', lastError: null });
    });
  });
});
