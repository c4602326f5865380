import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { useStack } from '../support/exchanges';
import { createSubscription, insertDelivery } from '../support/event-subscriptions';
import { createOrganization, createPerson, TestPerson } from '../support/fixtures';
import { ADMIN_TOKEN } from '../support/stack';
import { waitFor } from '../support/wait';

const bearer = { type: 'bearer' } as const;
/** A public address (an IP literal: no name to resolve); nothing is delivered in this suite. */
const PUBLIC_URL = 'https://93.184.215.14/liaison-events';
const SECRET = /^whsec_[A-Za-z0-9+/]{43}=$/;

/**
 * The event subscriptions API (docs/event-subscriptions.md), with WEBHOOK_ALLOW_PRIVATE_NETWORKS
 * off (production's default) and a one-hour WEBHOOK_SECRET_GRACE. Deliveries are written here as
 * the relay writes them (test/support/event-subscriptions.ts): the log and redelivery are about
 * the rows, not about sending.
 */
describe('event subscriptions API', () => {
  // On a database of its own: its subscriptions stay active at an address no test serves, and on the
  // shared test database every later suite's notifier would keep retrying their deliveries.
  const world = useStack(0, { WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false', WEBHOOK_SECRET_GRACE: 'PT1H' }, { ownDatabase: true });
  const http = () => world.stack.http();
  const db = () => world.stack.api.get(DataSource);

  const w = {} as { own: string; other: string; ownId: string; coordOwn: TestPerson; partOwn: TestPerson; coordOther: TestPerson };
  beforeAll(async () => {
    w.own = await createOrganization(world.stack, 'SUB', 'Europe/Brussels');
    w.other = await createOrganization(world.stack, 'SUBX', 'Europe/Brussels');
    w.coordOwn = await createPerson(world.stack, w.own, { roles: ['coordinator', 'participant'] });
    w.partOwn = await createPerson(world.stack, w.own);
    w.coordOther = await createPerson(world.stack, w.other, { roles: ['coordinator', 'participant'] });
    const [row]: Array<{ id: string }> = await db().query(`SELECT id FROM organizations WHERE code = $1`, [w.own]);
    w.ownId = row.id;
  });

  const base = (code = w.own) => `/v1/organizations/${code}/event-subscriptions`;
  const newSubscription = (token = w.coordOwn.token) =>
    createSubscription(world.stack, w.own, token, { url: PUBLIC_URL, events: ['exchange.created', 'minutes.approved'] });
  /** The delivery once the notifier has attempted it after `since` (read from the delivery log's table). */
  const attemptedSince = (deliveryId: string, since: Date) =>
    waitFor(
      `delivery ${deliveryId} attempted after ${since.toISOString()}`,
      async () => {
        const [row]: Array<{ status: string; attempts: number; last_attempt_at: Date | null }> = await db().query(
          `SELECT status, attempts, last_attempt_at FROM event_deliveries WHERE id = $1`,
          [deliveryId],
        );
        return row;
      },
      (row) => row.last_attempt_at !== null && row.last_attempt_at.getTime() >= since.getTime() - 5,
    );
  const auditActions = async (id: string) => {
    const rows = await db().query<Array<{ action: string }>>(`SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY id`, [id]);
    return rows.map((r) => r.action);
  };

  it('creates (the secret shown once), lists, reads, changes and deletes a subscription, each change audited', async () => {
    const created = await http()
      .post(base())
      .auth(w.coordOwn.token, bearer)
      .send({ url: PUBLIC_URL, events: ['exchange.created', 'exchange.cancelled'], description: 'Registry of meetings' })
      .expect(201);
    expect(created.body).toMatchObject({
      organization: w.own,
      url: PUBLIC_URL,
      events: ['exchange.created', 'exchange.cancelled'],
      description: 'Registry of meetings',
      status: 'active',
      failingSince: null,
    });
    expect(created.body.secret).toMatch(SECRET);
    expect(Buffer.from((created.body.secret as string).slice('whsec_'.length), 'base64')).toHaveLength(32);
    const id = created.body.id as string;

    const list = await http().get(base()).auth(w.coordOwn.token, bearer).expect(200);
    expect((list.body.items as Array<{ id: string }>).map((s) => s.id)).toContain(id);
    const read = await http().get(`${base()}/${id}`).auth(w.coordOwn.token, bearer).expect(200);
    const { secret, ...withoutSecret } = created.body as Record<string, unknown>;
    expect(read.body).toEqual(withoutSecret);
    expect(JSON.stringify([list.body, read.body]).includes(secret as string)).toBe(false);

    const changed = await http()
      .patch(`${base()}/${id}`)
      .auth(w.coordOwn.token, bearer)
      .send({ url: `${PUBLIC_URL}/v2`, events: ['agenda.frozen'], description: '' })
      .expect(200);
    expect(changed.body).toMatchObject({ id, url: `${PUBLIC_URL}/v2`, events: ['agenda.frozen'], description: null, status: 'active' });

    await http().delete(`${base()}/${id}`).auth(w.coordOwn.token, bearer).expect(204);
    for (const path of [`${base()}/${id}`, `${base()}/${id}/deliveries`]) {
      const gone = await http().get(path).auth(w.coordOwn.token, bearer).expect(404);
      expect(gone.body.code).toBe('EVENT_SUBSCRIPTION.NOT_FOUND');
    }
    expect((await http().post(`${base()}/${id}/ping`).auth(w.coordOwn.token, bearer).expect(404)).body.code).toBe(
      'EVENT_SUBSCRIPTION.NOT_FOUND',
    );
    expect(await auditActions(id)).toEqual(['event-subscription.create', 'event-subscription.update', 'event-subscription.delete']);
    expect(JSON.stringify(await db().query(`SELECT details FROM audit_events WHERE entity_id = $1`, [id])).includes(secret as string)).toBe(
      false,
    );
  });

  it('rotates the secret: a new one shown once, the old one kept until the grace period (PT1H) ends', async () => {
    const subscription = await newSubscription();
    const rotated = await http().post(`${base()}/${subscription.id}/rotate-secret`).auth(w.coordOwn.token, bearer).expect(200);
    expect(rotated.body.secret).toMatch(SECRET);
    expect(rotated.body.secret).not.toBe(subscription.secret);

    const rows: Array<{ secret: string; created_at: Date; expires_at: Date | null }> = await db().query(
      `SELECT secret, created_at, expires_at FROM event_subscription_secrets WHERE subscription_id = $1 ORDER BY expires_at NULLS FIRST`,
      [subscription.id],
    );
    expect(rows.map((r) => r.secret)).toEqual([rotated.body.secret, subscription.secret]);
    const [current, previous] = rows;
    expect(current.expires_at).toBeNull();
    expect(previous.expires_at!.getTime() - current.created_at.getTime()).toBe(3_600_000);
    expect(Date.parse(rotated.body.previousValidUntil as string)).toBe(previous.expires_at!.getTime());
    expect(await auditActions(subscription.id)).toEqual(['event-subscription.create', 'event-subscription.rotate-secret']);
  });

  it('keeps no secret in idempotency_keys: a replayed creation or rotation is a 409, without the secret', async () => {
    const stored = async (key: string) =>
      JSON.stringify(await db().query(`SELECT row_to_json(k)::text AS row FROM idempotency_keys k WHERE key = $1`, [key]));
    const body = { url: PUBLIC_URL, events: ['exchange.created'] };
    const createKey = `subscription-${randomUUID()}`;
    const created = await http().post(base()).auth(w.coordOwn.token, bearer).set('Idempotency-Key', createKey).send(body).expect(201);
    expect(await stored(createKey)).toContain(created.body.id as string);
    expect(await stored(createKey)).not.toContain(created.body.secret as string);
    const replay = await http().post(base()).auth(w.coordOwn.token, bearer).set('Idempotency-Key', createKey).send(body).expect(409);
    expect(replay.body.code).toBe('IDEMPOTENCY.SECRET_NOT_REPLAYABLE');
    expect(replay.body.details.firstAnswer).toMatchObject({ id: created.body.id });
    expect(JSON.stringify(replay.body)).not.toContain(created.body.secret as string);

    const rotateKey = `rotate-${randomUUID()}`;
    const path = `${base()}/${created.body.id as string}/rotate-secret`;
    const rotated = await http().post(path).auth(w.coordOwn.token, bearer).set('Idempotency-Key', rotateKey).expect(200);
    expect(await stored(rotateKey)).not.toContain(rotated.body.secret as string);
    expect((await http().post(path).auth(w.coordOwn.token, bearer).set('Idempotency-Key', rotateKey).expect(409)).body.code).toBe(
      'IDEMPOTENCY.SECRET_NOT_REPLAYABLE',
    );
  });

  it('pings: one outbox event of type ping for that subscription alone, on its own lane; a disabled one is a 409', async () => {
    const subscription = await newSubscription();
    const ping = await http().post(`${base()}/${subscription.id}/ping`).auth(w.coordOwn.token, bearer).expect(202);
    const rows: Array<Record<string, unknown>> = await db().query(
      `SELECT id, type, lane, organization_ids, subscription_id, data FROM event_outbox WHERE subscription_id = $1`,
      [subscription.id],
    );
    expect(rows).toEqual([
      {
        id: ping.body.eventId,
        type: 'ping',
        lane: `subscription:${subscription.id}`,
        organization_ids: [w.ownId],
        subscription_id: subscription.id,
        data: { subscriptionId: subscription.id },
      },
    ]);

    const disabled = await http()
      .patch(`${base()}/${subscription.id}`)
      .auth(w.coordOwn.token, bearer)
      .send({ status: 'disabled' })
      .expect(200);
    expect(disabled.body).toMatchObject({ status: 'disabled', disabledReason: 'disabled by its owners' });
    expect(disabled.body.disabledAt).toEqual(expect.any(String));
    const refused = await http().post(`${base()}/${subscription.id}/ping`).auth(w.coordOwn.token, bearer).expect(409);
    expect(refused.body.code).toBe('EVENT_SUBSCRIPTION.DISABLED');
    expect(await db().query(`SELECT count(*)::int AS n FROM event_outbox WHERE subscription_id = $1`, [subscription.id])).toEqual([
      { n: 1 },
    ]);
  });

  it('lists the deliveries with their attempts, and redelivers one: pending and due now, its attempts kept', async () => {
    const subscription = await newSubscription();
    const exchangeId = randomUUID();
    const owner = { id: subscription.id, organizationId: w.ownId };
    const failed = await insertDelivery(world.stack, owner, {
      status: 'failed',
      attempts: 3,
      lastStatus: 500,
      lastError: 'HTTP 500',
      exchangeId,
    });
    const done = await insertDelivery(world.stack, owner, { status: 'delivered', attempts: 1, lastStatus: 204, exchangeId });

    const log = await http().get(`${base()}/${subscription.id}/deliveries`).auth(w.coordOwn.token, bearer).expect(200);
    expect(log.body.nextCursor).toBeNull();
    expect(log.body.items).toEqual([
      expect.objectContaining({
        id: done.deliveryId,
        eventId: done.eventId,
        type: 'exchange.created',
        status: 'delivered',
        attempts: 1,
        lastStatus: 204,
      }),
      expect.objectContaining({
        id: failed.deliveryId,
        eventId: failed.eventId,
        type: 'exchange.created',
        status: 'failed',
        attempts: 3,
        lastStatus: 500,
        lastError: 'HTTP 500',
        durationMs: 12,
      }),
    ]);
    const onePage = await http()
      .get(`${base()}/${subscription.id}/deliveries`)
      .query({ limit: 1 })
      .auth(w.coordOwn.token, bearer)
      .expect(200);
    const next = await http()
      .get(`${base()}/${subscription.id}/deliveries`)
      .query({ limit: 1, cursor: onePage.body.nextCursor as string })
      .auth(w.coordOwn.token, bearer)
      .expect(200);
    expect([...onePage.body.items, ...next.body.items].map((d: { id: string }) => d.id)).toEqual([done.deliveryId, failed.deliveryId]);

    const asked = new Date();
    const redelivered = await http()
      .post(`${base()}/${subscription.id}/deliveries/${failed.deliveryId}/redeliver`)
      .auth(w.coordOwn.token, bearer)
      .expect(202);
    expect(redelivered.body).toEqual({ id: failed.deliveryId, status: 'pending' });
    // The notifier is woken and attempts it again at once, its history kept (the receiver's address
    // is not reachable from here, so the new attempt fails and the delivery stays pending).
    const attempt = await attemptedSince(failed.deliveryId, asked);
    expect(attempt).toMatchObject({ status: 'pending', attempts: 4 });

    // Another subscription's delivery, or none, is not this one's to redeliver.
    const another = await newSubscription();
    for (const [sub, delivery] of [
      [another.id, failed.deliveryId],
      [subscription.id, randomUUID()],
    ]) {
      const res = await http().post(`${base()}/${sub}/deliveries/${delivery}/redeliver`).auth(w.coordOwn.token, bearer).expect(404);
      expect(res.body.code).toBe('EVENT_SUBSCRIPTION.DELIVERY_NOT_FOUND');
    }
  });

  it('re-enabling clears failingSince and makes its pending deliveries due now', async () => {
    const subscription = await newSubscription();
    const pending = await insertDelivery(
      world.stack,
      { id: subscription.id, organizationId: w.ownId },
      {
        status: 'pending',
        attempts: 5,
        exchangeId: randomUUID(),
      },
    );
    await db().query(
      `UPDATE event_subscriptions SET status = 'disabled', failing_since = now() - interval '3 days', disabled_at = now(),
         disabled_reason = 'failing for 3 days' WHERE id = $1`,
      [subscription.id],
    );
    const asked = new Date();
    const res = await http().patch(`${base()}/${subscription.id}`).auth(w.coordOwn.token, bearer).send({ status: 'active' }).expect(200);
    expect(res.body).toMatchObject({ status: 'active', failingSince: null, disabledAt: null, disabledReason: null });
    // Its pending delivery, due in an hour, is made due now and attempted at once.
    const attempt = await attemptedSince(pending.deliveryId, asked);
    expect(attempt).toMatchObject({ status: 'pending', attempts: 6 });
  });

  it("is for admins and the organisation's coordinators: another organisation's coordinator and a participant get 403", async () => {
    const subscription = await newSubscription();
    const byAdmin = await createSubscription(world.stack, w.own, ADMIN_TOKEN, { url: PUBLIC_URL, events: ['series.created'] });
    await http().get(`${base()}/${byAdmin.id}`).auth(w.coordOwn.token, bearer).expect(200);
    await http().get(`${base()}/${subscription.id}`).auth(ADMIN_TOKEN, bearer).expect(200);

    const calls = [
      () => http().get(base()),
      () =>
        http()
          .post(base())
          .send({ url: PUBLIC_URL, events: ['exchange.created'] }),
      () => http().get(`${base()}/${subscription.id}`),
      () => http().patch(`${base()}/${subscription.id}`).send({ description: 'mine now' }),
      () => http().delete(`${base()}/${subscription.id}`),
      () => http().post(`${base()}/${subscription.id}/rotate-secret`),
      () => http().get(`${base()}/${subscription.id}/deliveries`),
      () => http().post(`${base()}/${subscription.id}/ping`),
    ];
    for (const call of calls) {
      await call().expect(401);
      for (const person of [w.coordOther, w.partOwn]) {
        const res = await call().auth(person.token, bearer);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 403, code: 'ORGANIZATION.NOT_COORDINATOR' });
      }
    }
    // The subscription is OWN's: under another organisation's path it does not exist, even for an admin.
    expect(
      (
        await http()
          .get(`${base(w.other)}/${subscription.id}`)
          .auth(ADMIN_TOKEN, bearer)
          .expect(404)
      ).body.code,
    ).toBe('EVENT_SUBSCRIPTION.NOT_FOUND');
    expect((await http().get(base('NO-SUCH-ORG')).auth(ADMIN_TOKEN, bearer).expect(404)).body.code).toBe('ORGANIZATION.NOT_FOUND');
    expect(await auditActions(subscription.id)).toEqual(['event-subscription.create']);
  });

  it('refuses bad input with a 4xx naming the problem', async () => {
    const post = (body: object) => http().post(base()).auth(w.coordOwn.token, bearer).send(body);
    const badEvent = await post({ url: PUBLIC_URL, events: ['exchange.created', 'exchange.exploded'] }).expect(400);
    expect(badEvent.body.message).toContain('"exchange.exploded"');
    expect(badEvent.body.message).not.toContain('"exchange.created"');
    expect((await post({ url: PUBLIC_URL, events: [] }).expect(400)).body.message).toContain('events');
    expect((await post({ url: PUBLIC_URL }).expect(400)).body.message).toContain('events');
    expect((await post({ url: PUBLIC_URL, events: ['ping'] }).expect(400)).body.message).toContain('"ping"');

    for (const [url, code] of [
      ['https://127.0.0.1:8080/hook', 'WEBHOOK.ADDRESS_NOT_PUBLIC'],
      ['https://10.1.2.3/hook', 'WEBHOOK.ADDRESS_NOT_PUBLIC'],
      ['http://93.184.215.14/hook', 'WEBHOOK.URL_NOT_ALLOWED'],
      ['https://user:secret@93.184.215.14/hook', 'WEBHOOK.URL_NOT_ALLOWED'],
    ]) {
      const res = await post({ url, events: ['exchange.created'] });
      expect({ url, status: res.status, code: res.body.code, field: res.body.details?.[0]?.field }).toEqual({
        url,
        status: 422,
        code,
        field: 'url',
      });
    }
    const subscription = await newSubscription();
    const patched = await http()
      .patch(`${base()}/${subscription.id}`)
      .auth(w.coordOwn.token, bearer)
      .send({ url: 'https://192.168.0.10/hook' })
      .expect(422);
    expect(patched.body.code).toBe('WEBHOOK.ADDRESS_NOT_PUBLIC');
    await http().patch(`${base()}/${subscription.id}`).auth(w.coordOwn.token, bearer).send({ events: [] }).expect(400);
    await http().patch(`${base()}/${subscription.id}`).auth(w.coordOwn.token, bearer).send({ status: 'paused' }).expect(400);
    await http().get(`${base()}/not-a-uuid`).auth(w.coordOwn.token, bearer).expect(400);
    expect((await http().get(`${base()}/${subscription.id}`).auth(w.coordOwn.token, bearer).expect(200)).body.url).toBe(PUBLIC_URL);
  });
});
