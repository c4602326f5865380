import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { createHash, randomUUID } from 'node:crypto';
import { createServer, Server, Socket } from 'node:net';
import supertest from 'supertest';
import { DataSource } from 'typeorm';
import { Client } from '@temporalio/client';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { EXCHANGE_ACTION_ITEMS_CHANGED_SIGNAL, exchangeWorkflowId } from '../../libs/domain/src';
import { TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { createExchange, exchangeBody, useStack } from '../support/exchanges';
import { createPerson, inSeconds, TestPerson, uniqueCode, waitFor } from '../support/fixtures';
import { listenOnPortZero } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';

const bearer = { type: 'bearer' } as const;

/**
 * Idempotency keys: no secret is kept readable in `idempotency_keys`, expired keys are purged, a key
 * whose request died is taken over by a retry, and a create that committed its row before Temporal
 * failed is completed, not made twice, by a retry with the same key.
 */
describe('idempotency keys', () => {
  // A short lease, so that the test of a long request shows it renewed; a purge every second.
  const world = useStack(1, { IDEMPOTENCY_LEASE: 'PT3S', IDEMPOTENCY_PURGE_INTERVAL: 'PT1S' });
  const http = () => world.stack.http();
  const db = () => world.stack.api.get(DataSource);
  const un = () => world.cast.unCoordinator;

  /** Every column of every row of the key, as text: where a stored secret would show. */
  const storedText = async (key: string): Promise<string> => {
    const rows: Array<{ row: string }> = await db().query(`SELECT row_to_json(k)::text AS row FROM idempotency_keys k WHERE key = $1`, [
      key,
    ]);
    expect(rows).toHaveLength(1);
    return rows[0].row;
  };

  /** When each timer the exchange's workflow started after the first `signal` it got is set to fire (epoch ms). */
  const timersAfterSignal = async (exchangeId: string, signal: string): Promise<number[]> => {
    const ms = (t: { seconds?: unknown; nanos?: number | null } | null | undefined) =>
      Number(t?.seconds ?? 0) * 1000 + (t?.nanos ?? 0) / 1e6;
    const history = await world.stack.api.get<Client>(TEMPORAL_CLIENT).workflow.getHandle(exchangeWorkflowId(exchangeId)).fetchHistory();
    const events = history.events ?? [];
    const signalled = events.findIndex((e) => e.workflowExecutionSignaledEventAttributes?.signalName === signal);
    if (signalled < 0) return [];
    return events
      .slice(signalled)
      .filter((e) => e.timerStartedEventAttributes)
      .map((e) => ms(e.eventTime) + ms(e.timerStartedEventAttributes!.startToFireTimeout));
  };

  describe('routes that return a secret', () => {
    it('keeps no issued person token in the key, and answers a replay with a 409 saying why', async () => {
      const person = await createPerson(world.stack, world.cast.un);
      const key = `token-${randomUUID()}`;
      const issued = await http().post(`/v1/people/${person.id}/tokens`).auth(ADMIN_TOKEN, bearer).set('Idempotency-Key', key).expect(201);
      const token = issued.body.token as string;
      expect(token).toMatch(/^lsn_/);
      expect(await storedText(key)).not.toContain(token);

      const replay = await http().post(`/v1/people/${person.id}/tokens`).auth(ADMIN_TOKEN, bearer).set('Idempotency-Key', key).expect(409);
      expect(replay.body).toMatchObject({ statusCode: 409, code: 'IDEMPOTENCY.SECRET_NOT_REPLAYABLE' });
      expect(replay.body.message).toMatch(/secret.*not kept/);
      expect(JSON.stringify(replay.body)).not.toContain(token);
      // The replay issued nothing: the token of the first answer still works.
      await http().get('/v1/me').auth(token, bearer).expect(200);
    });

    it('keeps no token of a person created with a key', async () => {
      const key = `person-${randomUUID()}`;
      const email = `idem-${randomUUID().slice(0, 8)}@un.example.org`;
      const body = {
        name: 'Idempotent Person',
        email,
        organization: world.cast.un,
        level: 'working',
        roles: ['participant'],
        timezone: 'Europe/Brussels',
        channels: { email: false },
      };
      const created = await http().post('/v1/people').auth(ADMIN_TOKEN, bearer).set('Idempotency-Key', key).send(body).expect(201);
      const token = created.body.token as string;
      expect(token).toMatch(/^lsn_/);
      expect(await storedText(key)).not.toContain(token);
      const replay = await http().post('/v1/people').auth(ADMIN_TOKEN, bearer).set('Idempotency-Key', key).send(body).expect(409);
      expect(replay.body.code).toBe('IDEMPOTENCY.SECRET_NOT_REPLAYABLE');
      // What was kept of the first answer, to find the person by: everything but the token.
      expect(replay.body.details.firstAnswer).toMatchObject({ id: created.body.id, email });
      expect(replay.body.details.firstAnswer).not.toHaveProperty('token');
      expect(JSON.stringify(replay.body)).not.toContain(token);
      const people: Array<{ n: number }> = await db().query(`SELECT count(*)::int AS n FROM people WHERE email = $1`, [email]);
      expect(people[0].n).toBe(1);
    });

    it('keeps no calendar feed address of a rotation', async () => {
      const person = await createPerson(world.stack, world.cast.un);
      const key = `feed-${randomUUID()}`;
      const rotated = await http().post('/v1/me/calendar/rotate').auth(person.token, bearer).set('Idempotency-Key', key).expect(200);
      const url = new URL(rotated.body.url as string);
      const feedToken = url.searchParams.get('token');
      expect(feedToken).toBeTruthy();
      const stored = await storedText(key);
      expect(stored).not.toContain(feedToken!);
      expect(stored).not.toContain(url.pathname);
      const replay = await http().post('/v1/me/calendar/rotate').auth(person.token, bearer).set('Idempotency-Key', key).expect(409);
      expect(replay.body.code).toBe('IDEMPOTENCY.SECRET_NOT_REPLAYABLE');
    });

    it("keeps no organisation's webhook signing secret, neither of its creation nor of a rotation", async () => {
      const code = uniqueCode('ID');
      const createKey = `org-${randomUUID()}`;
      const body = { code, name: `Idempotent ${code}`, timezone: 'Europe/Brussels' };
      const created = await http()
        .post('/v1/organizations')
        .auth(ADMIN_TOKEN, bearer)
        .set('Idempotency-Key', createKey)
        .send(body)
        .expect(201);
      const createdSecret = created.body.webhookSecret as string;
      // 32 random bytes, base64url.
      expect(createdSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await storedText(createKey)).not.toContain(createdSecret);
      const replay = await http()
        .post('/v1/organizations')
        .auth(ADMIN_TOKEN, bearer)
        .set('Idempotency-Key', createKey)
        .send(body)
        .expect(409);
      expect(replay.body.code).toBe('IDEMPOTENCY.SECRET_NOT_REPLAYABLE');
      expect(replay.body.details.firstAnswer).toMatchObject({ code });
      expect(JSON.stringify(replay.body)).not.toContain(createdSecret);

      const rotateKey = `rotate-${randomUUID()}`;
      const rotated = await http()
        .post(`/v1/organizations/${code}/webhook-secret/rotate`)
        .auth(ADMIN_TOKEN, bearer)
        .set('Idempotency-Key', rotateKey)
        .expect(200);
      expect(await storedText(rotateKey)).not.toContain(rotated.body.secret as string);
    });
  });

  describe('lifetime', () => {
    it('purges expired keys on a schedule and leaves live ones', async () => {
      const caller = `person:${un().id}`;
      const expired = `expired-${randomUUID()}`;
      const live = `live-${randomUUID()}`;
      await db().query(
        `INSERT INTO idempotency_keys (caller, key, method, path, body_hash, status, response, created_at)
         VALUES ($1, $2, 'POST', '/v1/exchanges', 'x', 201, '{"secret":"old"}', now() - interval '25 hours'),
                ($1, $3, 'POST', '/v1/exchanges', 'x', 201, '{}', now() - interval '1 hour')`,
        [caller, expired, live],
      );
      await waitFor(
        'the expired key purged',
        () => db().query<Array<{ key: string }>>(`SELECT key FROM idempotency_keys WHERE key = $1`, [expired]),
        (rows) => rows.length === 0,
      );
      const rows: Array<{ n: number }> = await db().query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [live]);
      expect(rows[0].n).toBe(1);
    });
  });

  describe('a request that died', () => {
    /** The body as the interceptor hashes it: JSON with sorted keys (this body is flat). */
    const hashOf = (body: Record<string, unknown>) =>
      createHash('sha256')
        .update(JSON.stringify(Object.fromEntries(Object.entries(body).sort(([a], [b]) => (a < b ? -1 : 1)))))
        .digest('hex');

    it('leaves a key that a retry takes over once its lease has passed', async () => {
      const exchange = await createExchange(
        world.stack,
        un(),
        exchangeBody(world.cast, { startsAt: inSeconds(7 * 86_400), participantIds: [], reminderOffsets: [] }),
      );
      const path = `/v1/exchanges/${exchange.id as string}/action-items`;
      const body = { dueAt: inSeconds(3 * 86_400), ownerId: un().id, title: `Reclaimed ${randomUUID().slice(0, 6)}` };
      const key = `dead-${randomUUID()}`;
      // What a process killed mid-request leaves: the key claimed two minutes ago, no answer, nobody holding it.
      await db().query(
        `INSERT INTO idempotency_keys (caller, key, method, path, body_hash, created_at)
         VALUES ($1, $2, 'POST', $3, $4, now() - interval '2 minutes')`,
        [`person:${un().id}`, key, path, hashOf(body)],
      );
      const retried = await http().post(path).auth(un().token, bearer).set('Idempotency-Key', key).send(body);
      expect(retried.status).toBe(201);
      expect(retried.body).toMatchObject({ title: body.title, status: 'open' });
      const again = await http().post(path).auth(un().token, bearer).set('Idempotency-Key', key).send(body).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body.id).toBe(retried.body.id);
    });

    it('lets only one of several retries at once take the key over', async () => {
      const exchange = await createExchange(
        world.stack,
        un(),
        exchangeBody(world.cast, { startsAt: inSeconds(7 * 86_400), participantIds: [], reminderOffsets: [] }),
      );
      const path = `/v1/exchanges/${exchange.id as string}/action-items`;
      const body = { dueAt: inSeconds(3 * 86_400), ownerId: un().id, title: `Raced ${randomUUID().slice(0, 6)}` };
      const key = `raced-${randomUUID()}`;
      await db().query(
        `INSERT INTO idempotency_keys (caller, key, method, path, body_hash, created_at, locked_until)
         VALUES ($1, $2, 'POST', $3, $4, now() - interval '2 minutes', now() - interval '1 minute')`,
        [`person:${un().id}`, key, path, hashOf(body)],
      );
      const send = () =>
        http()
          .post(path)
          .auth(un().token, bearer)
          .set('Idempotency-Key', key)
          .send(body)
          .then((r) => r);
      const answers = await Promise.all([send(), send(), send()]);
      // Each answer is the one run, its replay, or "in progress"; never a second run.
      const ran = answers.filter((a) => a.status === 201 && a.headers['idempotent-replayed'] === undefined);
      expect(ran).toHaveLength(1);
      for (const other of answers.filter((a) => a !== ran[0])) {
        if (other.status === 201) expect(other.body.id).toBe(ran[0].body.id);
        else expect(other.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
      }
      const items: Array<{ n: number }> = await db().query(`SELECT count(*)::int AS n FROM action_items WHERE title = $1`, [body.title]);
      expect(items[0].n).toBe(1);
    });

    it('answers a duplicate while the first still holds the key with a 409 and Retry-After', async () => {
      const exchange = await createExchange(
        world.stack,
        un(),
        exchangeBody(world.cast, { startsAt: inSeconds(7 * 86_400), participantIds: [], reminderOffsets: [] }),
      );
      const path = `/v1/exchanges/${exchange.id as string}/action-items`;
      const body = { dueAt: inSeconds(3 * 86_400), ownerId: un().id, title: `Running ${randomUUID().slice(0, 6)}` };
      const key = `running-${randomUUID()}`;
      await db().query(
        `INSERT INTO idempotency_keys (caller, key, method, path, body_hash, locked_until)
         VALUES ($1, $2, 'POST', $3, $4, now() + interval '1 minute')`,
        [`person:${un().id}`, key, path, hashOf(body)],
      );
      const sent = Date.now();
      const duplicate = await http().post(path).auth(un().token, bearer).set('Idempotency-Key', key).send(body).expect(409);
      const answered = Date.now();
      expect(duplicate.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');
      // The seconds left on the lease when the API answered, rounded up: between what was left when
      // the request was sent and when its answer came (the database and this process share a clock).
      const [{ lockedUntil }]: Array<{ lockedUntil: Date }> = await db().query(
        `SELECT locked_until AS "lockedUntil" FROM idempotency_keys WHERE key = $1`,
        [key],
      );
      const retryAfter = Number(duplicate.headers['retry-after']);
      expect(retryAfter).toBeGreaterThanOrEqual(Math.ceil((lockedUntil.getTime() - answered) / 1000));
      expect(retryAfter).toBeLessThanOrEqual(Math.ceil((lockedUntil.getTime() - sent) / 1000));
      const items: Array<{ n: number }> = await db().query(`SELECT count(*)::int AS n FROM action_items WHERE title = $1`, [body.title]);
      expect(items[0].n).toBe(0);
    });
  });

  describe('a create whose row is committed before Temporal fails', () => {
    let owner: TestPerson;
    let cut: TemporalCut;
    let brokenApi: INestApplication;

    beforeAll(async () => {
      owner = await createPerson(world.stack, world.cast.nato, { email: true });
      // A second API on the same database, Redis and task queue, reaching Temporal through a link cut below.
      cut = await TemporalCut.open(world.stack.config.temporal.address);
      const address = process.env.TEMPORAL_ADDRESS;
      process.env.TEMPORAL_ADDRESS = cut.address;
      try {
        const moduleRef = await Test.createTestingModule({ imports: [ApiModule] }).compile();
        brokenApi = configureApp(moduleRef.createNestApplication({ bodyParser: false, bufferLogs: true }));
        await brokenApi.init();
      } finally {
        if (address === undefined) delete process.env.TEMPORAL_ADDRESS;
        else process.env.TEMPORAL_ADDRESS = address;
      }
      cut.sever();
    });

    afterAll(async () => {
      await brokenApi?.close();
      await cut?.close();
    });

    it('makes one action item when a 503 is retried with the same key, and its workflow sets the notice timer', async () => {
      const exchange = await createExchange(
        world.stack,
        un(),
        exchangeBody(world.cast, {
          startsAt: inSeconds(86_400),
          participantIds: [owner.id],
          reminderOffsets: [],
          actionItemNotice: 'PT6S',
          actionItemGrace: 'PT1H',
        }),
      );
      const path = `/v1/exchanges/${exchange.id as string}/action-items`;
      // Due in two days: however long the failing request takes, its notice is planned long before it falls due.
      const dueAt = inSeconds(2 * 86_400);
      const body = { title: `Send the joint report ${randomUUID().slice(0, 6)}`, ownerId: owner.id, dueAt };
      const key = `temporal-down-${randomUUID()}`;

      const pending = supertest(brokenApi.getHttpServer())
        .post(path)
        .auth(un().token, bearer)
        .set('Idempotency-Key', key)
        .send(body)
        .then((r) => r);
      // While the client keeps trying Temporal, the request holds its key past its first lease (it renews
      // it): a duplicate meanwhile is told to wait, and makes nothing.
      await waitFor(
        'the failing request to hold its key past its first lease',
        () =>
          db().query<Array<{ pastFirstLease: boolean; held: boolean; status: number | null }>>(
            `SELECT now() > created_at + interval '4 seconds' AS "pastFirstLease", locked_until > now() AS held, status FROM idempotency_keys WHERE key = $1`,
            [key],
          ),
        (rows) => rows.length === 1 && rows[0].pastFirstLease && rows[0].held,
      );
      const duplicate = await http().post(path).auth(un().token, bearer).set('Idempotency-Key', key).send(body).expect(409);
      expect(duplicate.body.code).toBe('IDEMPOTENCY.IN_PROGRESS');

      const failed = await pending;
      expect(failed.status).toBe(503);
      expect(failed.body.code).toBe('TEMPORAL.UNAVAILABLE');

      const retried = await http().post(path).auth(un().token, bearer).set('Idempotency-Key', key).send(body).expect(201);
      expect(retried.body).toMatchObject({ title: body.title, status: 'open', revision: 1 });
      const items: Array<{ id: string }> = await db().query(`SELECT id FROM action_items WHERE exchange_id = $1 AND title = $2`, [
        exchange.id,
        body.title,
      ]);
      expect(items.map((i) => i.id)).toEqual([retried.body.id]);

      // The workflow was told after all: after the signal it set a timer for the owner's notice, 6 s
      // before the item is due (the notice's row is written only when the timer fires, in two days).
      const noticeAt = Date.parse(dueAt) - 6000;
      const timers = await waitFor(
        "the exchange workflow's timer for the action item's notice",
        () => timersAfterSignal(exchange.id as string, EXCHANGE_ACTION_ITEMS_CHANGED_SIGNAL),
        (fireTimes) => fireTimes.some((at) => at >= noticeAt && at < Date.parse(dueAt)),
      );
      expect(timers.filter((at) => at >= noticeAt && at < Date.parse(dueAt))).toHaveLength(1);
    });

    it('makes one exchange, its workflow running, when a 503 is retried with the same key', async () => {
      const body = exchangeBody(world.cast, { startsAt: inSeconds(5 * 86_400), participantIds: [], reminderOffsets: [] });
      const key = `exchange-down-${randomUUID()}`;
      const failed = await supertest(brokenApi.getHttpServer())
        .post('/v1/exchanges')
        .auth(un().token, bearer)
        .set('Idempotency-Key', key)
        .send(body);
      expect(failed.status).toBe(503);
      expect(failed.body.code).toBe('TEMPORAL.UNAVAILABLE');

      const retried = await http().post('/v1/exchanges').auth(un().token, bearer).set('Idempotency-Key', key).send(body).expect(201);
      const rows: Array<{ id: string }> = await db().query(`SELECT id FROM exchanges WHERE title = $1`, [body.title]);
      expect(rows.map((r) => r.id)).toEqual([retried.body.id]);
      const workflow = await world.stack.api
        .get<Client>(TEMPORAL_CLIENT)
        .workflow.getHandle(exchangeWorkflowId(retried.body.id as string))
        .describe();
      expect(workflow.status.name).toBe('RUNNING');
    });
  });
});

/**
 * A TCP link to Temporal that the test can cut: the API connects through it at start-up; once
 * severed, it keeps its port (so no other process can take it) and drops every connection at
 * once, so each call to Temporal fails as if the cluster were down.
 */
class TemporalCut {
  private readonly sockets = new Set<Socket>();
  private readonly server: Server;
  private severed = false;
  private port = 0;

  private constructor(target: string) {
    const at = target.lastIndexOf(':');
    const [host, port] = [target.slice(0, at), Number(target.slice(at + 1))];
    this.server = createServer((client) => {
      if (this.severed) {
        client.destroy();
        return;
      }
      const upstream = new Socket();
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      upstream.connect(port, host);
      client.pipe(upstream).pipe(client);
    });
  }

  static async open(target: string): Promise<TemporalCut> {
    const link = new TemporalCut(target);
    link.port = await listenOnPortZero(link.server);
    return link;
  }

  get address(): string {
    return `127.0.0.1:${this.port}`;
  }

  /** Drops every open connection, and every new one from now on. */
  sever(): void {
    this.severed = true;
    for (const socket of this.sockets) socket.destroy();
  }

  async close(): Promise<void> {
    this.sever();
    if (this.server.listening) await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
