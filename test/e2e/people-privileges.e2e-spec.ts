import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createExchange, exchangeBody, useStack } from '../support/exchanges';
import { createPerson, eventually, inSeconds, TestPerson } from '../support/fixtures';
import { freePort } from '../support/ports';
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

  async function organization(prefix: string): Promise<string> {
    const code = `${prefix}-${randomUUID().slice(0, 6).toUpperCase()}`;
    await http()
      .post('/v1/organizations')
      .auth(ADMIN_TOKEN, bearer)
      .send({ code, name: `${code} secretariat`, timezone: 'UTC' })
      .expect(201);
    return code;
  }

  /** `{ code, attempted }` of the `person.refused` audit events about `personId`, read through the admin API. */
  async function refusalsOf(personId: string): Promise<Array<{ code: string; attempted: string; actor: string | null }>> {
    const res = await http()
      .get('/v1/admin/audit')
      .query({ entity: personId, action: 'person.refused' })
      .auth(ADMIN_TOKEN, bearer)
      .expect(200);
    return (res.body.items as Json[]).map((e) => ({ code: e.details.code, attempted: e.details.attempted, actor: e.actor.id }));
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
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    hookBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    own = await organization('PRIV');
    other = await organization('PRIVO');
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
      const attack = await http().post(`/v1/people/${admin.id}/tokens`).auth(coordinator.token, bearer);
      expect(attack.status).toBe(403);
      expect(attack.body.code).toBe('PERSON.ADMIN_ROLE');
      expect(attack.body).not.toHaveProperty('token');
      // Nothing was issued: the admin's own token, which an issue would have revoked, still works.
      await http().get('/v1/me').auth(admin.token, bearer).expect(200);
      expect(await refusalsOf(admin.id)).toContainEqual({
        code: 'PERSON.ADMIN_ROLE',
        attempted: 'person.token.issue',
        actor: coordinator.id,
      });
    });

    it.each([
      ['e-mail', () => ({ email: `taken-${randomUUID().slice(0, 6)}@attacker.example.org` })],
      ['webhook', () => ({ channels: { email: true, webhookUrl: 'https://attacker.example.org/hook' } })],
      ['roles', () => ({ roles: ['participant'] })],
      ['name', () => ({ name: 'Renamed by a coordinator' })],
    ])('a coordinator cannot change the %s of an admin colleague (403, audited, nothing changed)', async (_what, body) => {
      const before = (await asAdmin(admin.id)).body as Json;
      const res = await http().patch(`/v1/people/${admin.id}`).auth(coordinator.token, bearer).send(body());
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PERSON.ADMIN_ROLE');
      const after = (await asAdmin(admin.id)).body as Json;
      expect(after).toEqual(before);
      expect(await refusalsOf(admin.id)).toContainEqual({ code: 'PERSON.ADMIN_ROLE', attempted: 'person.update', actor: coordinator.id });
    });

    it('a coordinator cannot give the admin role, to a colleague or to themself', async () => {
      const participant = await createPerson(world.stack, own);
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
      expect(await refusalsOf(participant.id)).toContainEqual({
        code: 'PERSON.ADMIN_ROLE',
        attempted: 'person.update',
        actor: coordinator.id,
      });
      expect(await refusalsOf(coordinator.id)).toContainEqual({
        code: 'PERSON.ADMIN_ROLE',
        attempted: 'person.update',
        actor: coordinator.id,
      });
    });

    it('a coordinator cannot create a person with the admin role', async () => {
      const email = `adm-${randomUUID().slice(0, 8)}@priv.example.org`;
      const res = await http()
        .post('/v1/people')
        .auth(coordinator.token, bearer)
        .send({ name: 'Would-be admin', email, organization: own, level: 'working', roles: ['admin'], timezone: 'UTC' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('PERSON.ADMIN_ROLE');
      const trail = await http()
        .get('/v1/admin/audit')
        .query({ person: coordinator.id, action: 'person.refused' })
        .auth(ADMIN_TOKEN, bearer)
        .expect(200);
      expect(trail.body.items).toContainEqual(
        expect.objectContaining({
          entityType: 'organization',
          details: expect.objectContaining({ attempted: 'person.create', code: 'PERSON.ADMIN_ROLE', roles: ['admin'] }),
        }),
      );
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
      const refusals = await refusalsOf(target.id);
      expect(refusals).toContainEqual({ code: 'PERSON.ROLE_NOT_HELD', attempted: 'person.update', actor: bareCoordinator.id });
      expect(refusals).toContainEqual({ code: 'PERSON.ROLE_NOT_HELD', attempted: 'person.token.issue', actor: bareCoordinator.id });
    });

    it('a participant cannot act on a coordinator: the coordinator does not exist for them (404), and is unchanged', async () => {
      const participant = await createPerson(world.stack, own);
      await http().post(`/v1/people/${coordinator.id}/tokens`).auth(participant.token, bearer).expect(404);
      await http()
        .patch(`/v1/people/${coordinator.id}`)
        .auth(participant.token, bearer)
        .send({ roles: ['participant'] })
        .expect(404);
      await http().post(`/v1/people/${coordinator.id}/deactivate`).auth(participant.token, bearer).expect(404);
      await http().get('/v1/me').auth(coordinator.token, bearer).expect(200);
      // Nor on themself beyond their own token: changing one's own roles is a manager's act.
      const self = await http()
        .patch(`/v1/people/${participant.id}`)
        .auth(participant.token, bearer)
        .send({ roles: ['coordinator'] });
      expect(self.status).toBe(403);
      expect(self.body.code).toBe('PERSON.NOT_MANAGER');
      expect(await refusalsOf(participant.id)).toContainEqual({
        code: 'PERSON.NOT_MANAGER',
        attempted: 'person.update',
        actor: participant.id,
      });
    });

    it('a coordinator can neither deactivate nor webhook-test an admin colleague; an admin can act on an admin', async () => {
      await http()
        .patch(`/v1/people/${admin.id}`)
        .auth(ADMIN_TOKEN, bearer)
        .send({ channels: { email: false, webhookUrl: `${hookBase}/admin-${admin.id}` } })
        .expect(200);
      const deactivate = await http().post(`/v1/people/${admin.id}/deactivate`).auth(coordinator.token, bearer);
      expect(deactivate.status).toBe(403);
      expect(deactivate.body.code).toBe('PERSON.ADMIN_ROLE');
      const ping = await http().post(`/v1/people/${admin.id}/webhooks/test`).auth(coordinator.token, bearer);
      expect(ping.status).toBe(403);
      expect(ping.body.code).toBe('PERSON.ADMIN_ROLE');
      expect(calls.filter((c) => c.path === `/admin-${admin.id}`)).toHaveLength(0);
      const refusals = await refusalsOf(admin.id);
      expect(refusals).toContainEqual({ code: 'PERSON.ADMIN_ROLE', attempted: 'person.deactivate', actor: coordinator.id });
      expect(refusals).toContainEqual({ code: 'PERSON.ADMIN_ROLE', attempted: 'webhook.test', actor: coordinator.id });

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
        exchangeBody({
          organizations: [own],
          hostOrganization: own,
          startsAt: inSeconds(25),
          participantIds: [leaver.id, stayer.id],
          reminderOffsets: ['PT15S'],
        }),
      );
      const reminders = async () =>
        (
          await http()
            .get(`/v1/exchanges/${exchange.id as string}/reminders?limit=200`)
            .auth(ADMIN_TOKEN, bearer)
            .expect(200)
        ).body.items as Json[];
      await eventually(
        async () => ((await reminders()).filter((r) => r.personId === leaver.id).length === 3 ? true : undefined),
        20_000,
        "the leaver's reminders planned",
      );

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
      const settled = await eventually(
        async () => {
          const rows = await reminders();
          const done = rows.every((r) => ['sent', 'skipped', 'failed', 'cancelled'].includes(r.status as string));
          return done && rows.length === 6 ? rows : undefined;
        },
        45_000,
        'the reminders settled',
      );
      for (const row of settled.filter((r) => r.personId === stayer.id)) expect(row.status).toBe('sent');
      for (const row of settled.filter((r) => r.personId === leaver.id)) {
        expect(row).toMatchObject({ status: 'skipped', lastError: 'person deactivated' });
      }
      expect(world.stack.smtp.to(stayer.email).length).toBeGreaterThan(0);
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
        exchangeBody({
          organizations: [own],
          hostOrganization: own,
          startsAt: inSeconds(3600),
          participantIds: [leaver.id, stayer.id],
          reminderOffsets: ['PT10M'],
        }),
      );
      const planned = await eventually(
        async () => {
          const rows = (
            await http()
              .get(`/v1/exchanges/${later.id as string}/reminders?limit=200`)
              .auth(ADMIN_TOKEN, bearer)
              .expect(200)
          ).body.items as Json[];
          return rows.some((r) => r.personId === stayer.id) ? rows : undefined;
        },
        20_000,
        'the later exchange planned',
      );
      expect(planned.filter((r) => r.personId === leaver.id)).toHaveLength(0);

      const reactivated = await http().post(`/v1/people/${leaver.id}/reactivate`).auth(coordinator.token, bearer).expect(200);
      expect(reactivated.body).toMatchObject({ active: true, deactivatedAt: null });
      await http().get('/v1/me').auth(leaver.token, bearer).expect(200);

      const trail = await http().get('/v1/admin/audit').query({ entity: leaver.id }).auth(ADMIN_TOKEN, bearer).expect(200);
      const actions = (trail.body.items as Json[]).map((e) => e.action as string);
      expect(actions.filter((a) => a === 'person.deactivate')).toHaveLength(1);
      expect(actions).toContain('person.reactivate');
    });

    it('only an admin or a coordinator of the organisation deactivates or reactivates; others do not see the person', async () => {
      const person = await createPerson(world.stack, own);
      await http().post(`/v1/people/${person.id}/deactivate`).auth(otherCoordinator.token, bearer).expect(404);
      const colleague = await createPerson(world.stack, own);
      await http().post(`/v1/people/${person.id}/deactivate`).auth(colleague.token, bearer).expect(404);
      // A participant sees themself, but deactivating is a manager's act.
      const self = await http().post(`/v1/people/${person.id}/deactivate`).auth(person.token, bearer).expect(403);
      expect(self.body.code).toBe('PERSON.NOT_MANAGER');
      await http().get('/v1/me').auth(person.token, bearer).expect(200);
      await http().post(`/v1/people/${person.id}/deactivate`).auth(ADMIN_TOKEN, bearer).expect(200);
      await http().get('/v1/me').auth(person.token, bearer).expect(401);
      await http().post(`/v1/people/${person.id}/reactivate`).auth(otherCoordinator.token, bearer).expect(404);
      await http().post(`/v1/people/${person.id}/reactivate`).auth(colleague.token, bearer).expect(404);
      await http().get('/v1/me').auth(person.token, bearer).expect(401);
      await http().post(`/v1/people/${person.id}/reactivate`).auth(coordinator.token, bearer).expect(200);
      await http().get('/v1/me').auth(person.token, bearer).expect(200);
    });
  });

  describe("another organisation's delivery errors", () => {
    it('a coordinator sees lastError only for the people of their own organisation; an admin sees every one', async () => {
      const deadPort = await freePort();
      const broken = async (organization: string) => {
        const person = await createPerson(world.stack, organization);
        await http()
          .patch(`/v1/people/${person.id}`)
          .auth(ADMIN_TOKEN, bearer)
          .send({ channels: { email: false, webhookUrl: `http://127.0.0.1:${deadPort}/hook` } })
          .expect(200);
        return person;
      };
      const ownPerson = await broken(own);
      const otherPerson = await broken(other);
      const exchange = await createExchange(
        world.stack,
        coordinator,
        exchangeBody({
          organizations: [own, other],
          hostOrganization: own,
          startsAt: inSeconds(8),
          participantIds: [ownPerson.id, otherPerson.id],
          reminderOffsets: ['PT5S'],
        }),
      );
      const rowsAs = async (token: string) =>
        (
          await http()
            .get(`/v1/exchanges/${exchange.id as string}/reminders?limit=200`)
            .auth(token, bearer)
            .expect(200)
        ).body.items as Json[];
      const webhookOf = (rows: Json[], person: TestPerson) => rows.find((r) => r.personId === person.id && r.channel === 'webhook')!;
      const byAdmin = await eventually(
        async () => {
          const rows = await rowsAs(ADMIN_TOKEN);
          return webhookOf(rows, ownPerson)?.lastError && webhookOf(rows, otherPerson)?.lastError ? rows : undefined;
        },
        45_000,
        'both webhook reminders failing',
      );
      expect(webhookOf(byAdmin, otherPerson).lastError).toMatch(/webhook not delivered/);

      const byOwnCoordinator = await rowsAs(coordinator.token);
      expect(webhookOf(byOwnCoordinator, ownPerson).lastError).toMatch(/webhook not delivered/);
      expect(webhookOf(byOwnCoordinator, otherPerson).lastError).toBeNull();
      expect(webhookOf(byOwnCoordinator, otherPerson).status).toBeDefined();

      const byOtherCoordinator = await rowsAs(otherCoordinator.token);
      expect(webhookOf(byOtherCoordinator, otherPerson).lastError).toMatch(/webhook not delivered/);
      expect(webhookOf(byOtherCoordinator, ownPerson).lastError).toBeNull();
    });
  });
});
