import { DataSource } from 'typeorm';
import { createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { createExchange, exchangeBody, planningLeadMs, plannedInTime, useStack } from '../support/exchanges';
import { ADMIN_TOKEN, TestStack } from '../support/stack';

const bearer = { type: 'bearer' } as const;

/** Tokens, idempotency keys, the audit trail, visibility and HTTP hardening, on the real stack. */
describe('access and trust', () => {
  const world = useStack(2);
  const http = () => world.stack.http();
  const db = () => world.stack.api.get(DataSource);

  describe('tokens', () => {
    it('rotates: the old token is refused as revoked, the new one works, and the list shows no secret', async () => {
      const person = await createPerson(world.stack, world.cast.nato);
      await http().get('/v1/me').auth(person.token, bearer).expect(200);
      const rotated = await http().post(`/v1/people/${person.id}/tokens`).auth(person.token, bearer).expect(201);
      expect(rotated.body).toEqual({ token: expect.stringMatching(/^lsn_/), expiresAt: expect.any(String) });

      const old = await http().get('/v1/me').auth(person.token, bearer).expect(401);
      expect(old.body).toMatchObject({ statusCode: 401, message: 'the bearer token has been revoked' });
      const fresh = rotated.body.token as string;
      const listed = await http().get('/v1/me/tokens').auth(fresh, bearer).expect(200);
      expect(listed.body.items).toHaveLength(2);
      expect(listed.body.items[0]).toMatchObject({ live: true, current: true, revokedAt: null, expiresAt: expect.any(String) });
      expect(listed.body.items[1]).toMatchObject({ live: false, current: false, revokedAt: expect.any(String) });
      expect(JSON.stringify(listed.body)).not.toContain(fresh);
      expect(JSON.stringify(listed.body)).not.toMatch(/hash|lsn_/);
      // Only the hash is stored.
      const stored: Array<{ token_hash: string }> = await db().query(`SELECT token_hash FROM access_tokens WHERE person_id = $1`, [
        person.id,
      ]);
      expect(stored.map((r) => r.token_hash).join()).not.toContain(fresh);

      await http()
        .delete(`/v1/me/tokens/${listed.body.items[0].id as string}`)
        .auth(fresh, bearer)
        .expect(204);
      const revoked = await http().get('/v1/me').auth(fresh, bearer).expect(401);
      expect(revoked.body.message).toBe('the bearer token has been revoked');
    });

    it('refuses an unknown token and a malformed header with a 401 in the error shape', async () => {
      const unknown = await http().get('/v1/exchanges').auth('lsn_not-a-real-token', bearer).expect(401);
      expect(unknown.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', message: 'the bearer token is not valid' });
      await http().get('/v1/exchanges').set('Authorization', 'Basic abc').expect(401);
    });

    it('lets a coordinator rotate tokens only for people of their own organisation', async () => {
      const natoPerson = await createPerson(world.stack, world.cast.nato);
      await http().post(`/v1/people/${natoPerson.id}/tokens`).auth(world.cast.natoCoordinator.token, bearer).expect(201);
      // A person of another organisation does not exist for a coordinator (see seesPerson): a 404, not a 403.
      const other = await http().post(`/v1/people/${natoPerson.id}/tokens`).auth(world.cast.unCoordinator.token, bearer).expect(404);
      expect(other.body).toMatchObject({ statusCode: 404, code: 'PERSON.NOT_FOUND' });
      // A participant of the same organisation is refused with the reason.
      const peer = world.cast.participants.find((p) => p.organization === world.cast.nato)!;
      const refused = await http().post(`/v1/people/${natoPerson.id}/tokens`).auth(peer.token, bearer).expect(404);
      expect(refused.body).toMatchObject({ statusCode: 404, code: 'PERSON.NOT_FOUND' });
    });
  });

  describe('idempotency keys', () => {
    it('answers a repeated POST with the first response and creates nothing new; another body with the same key is a 422', async () => {
      // This suite's coordinator's exchanges only: suites in other Jest workers create theirs meanwhile.
      const count = async () =>
        (await db().query(`SELECT count(*)::int AS n FROM exchanges WHERE created_by = $1`, [world.cast.unCoordinator.id]))[0].n as number;
      const body = exchangeBody(world.cast, { startsAt: inSeconds(7 * 86_400), participantIds: [], reminderOffsets: [] });
      const key = `create-${Date.now()}`;
      const first = await http()
        .post('/v1/exchanges')
        .auth(world.cast.unCoordinator.token, bearer)
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      const before = await count();
      const again = await http()
        .post('/v1/exchanges')
        .auth(world.cast.unCoordinator.token, bearer)
        .set('Idempotency-Key', key)
        .send(body)
        .expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await count()).toBe(before);

      const other = await http()
        .post('/v1/exchanges')
        .auth(world.cast.unCoordinator.token, bearer)
        .set('Idempotency-Key', key)
        .send({ ...body, title: 'Another title' })
        .expect(422);
      expect(other.body).toMatchObject({ statusCode: 422, code: 'IDEMPOTENCY.KEY_REUSED' });
      expect(await count()).toBe(before);

      // Keys belong to their caller: the same key from another coordinator is a request of its own.
      const natoBody = { ...body, hostOrganization: world.cast.nato };
      const nato = await http()
        .post('/v1/exchanges')
        .auth(world.cast.natoCoordinator.token, bearer)
        .set('Idempotency-Key', key)
        .send(natoBody)
        .expect(201);
      expect(nato.body.id).not.toBe(first.body.id);
    });

    it('keeps nothing for a request that failed, so it can be retried with the same key', async () => {
      const key = `retry-${Date.now()}`;
      // Well formed, but GARDENING names no cooperation area: a 422, refused before the key is kept.
      const bad = { ...exchangeBody(world.cast, { startsAt: inSeconds(7 * 86_400), participantIds: [] }), areas: ['GARDENING'] };
      await http().post('/v1/exchanges').auth(world.cast.unCoordinator.token, bearer).set('Idempotency-Key', key).send(bad).expect(422);
      const rows = await db().query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key]);
      expect(rows[0].n).toBe(0);
      await http()
        .post('/v1/exchanges')
        .auth(world.cast.unCoordinator.token, bearer)
        .set('Idempotency-Key', 'x'.repeat(300))
        .send(bad)
        .expect(400);
      // A body nested far too deep is refused before anything (the key's body hash included) walks it.
      const deep = `{"title":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`;
      const refused = await http()
        .post('/v1/exchanges')
        .auth(world.cast.unCoordinator.token, bearer)
        .set('Idempotency-Key', `deep-${Date.now()}`)
        .set('Content-Type', 'application/json')
        .send(deep)
        .expect(400);
      expect(refused.body.message).toMatch(/nested more than 16 levels/);
    });
  });

  describe('audit trail', () => {
    it('refuses UPDATE, DELETE and TRUNCATE from the application database role', async () => {
      const [{ role }] = await db().query(`SELECT current_user AS role`);
      expect(typeof role).toBe('string');
      await expect(db().query(`UPDATE audit_events SET action = 'tampered' WHERE id = (SELECT max(id) FROM audit_events)`)).rejects.toThrow(
        /append-only: UPDATE is not allowed/,
      );
      await expect(db().query(`DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events)`)).rejects.toThrow(
        /append-only: DELETE is not allowed/,
      );
      await expect(db().query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
    });

    it('is read by admins with filters on entity, person, organisation and time; others get a 403', async () => {
      // A coordinator of this test's own, and a `since` after everything the earlier tests did: the lists are exact.
      const coordinator = await createPerson(world.stack, world.cast.nato, { roles: ['coordinator', 'participant'] });
      const since = new Date().toISOString();
      const exchange = await createExchange(
        world.stack,
        coordinator,
        exchangeBody(world.cast, {
          hostOrganization: world.cast.nato,
          startsAt: inSeconds(9 * 86_400),
          participantIds: [],
          reminderOffsets: [],
        }),
      );
      await http()
        .post(`/v1/exchanges/${exchange.id as string}/cancel`)
        .auth(coordinator.token, bearer)
        .send({ reason: 'test' })
        .expect(200);
      const get = (query: string) => http().get(`/v1/admin/audit?${query}`).auth(ADMIN_TOKEN, bearer).expect(200);
      const actions = (res: { body: { items: Array<{ action: string; entityId: string }> } }) =>
        res.body.items.map((e) => `${e.action} ${e.entityId}`);
      const trail = [`exchange.cancel ${exchange.id as string}`, `exchange.create ${exchange.id as string}`];

      const byEntity = await get(`entityType=exchange&entity=${exchange.id as string}`);
      expect(actions(byEntity)).toEqual(trail);
      const byPerson = await get(`person=${coordinator.id}&from=${encodeURIComponent(since)}`);
      expect(actions(byPerson)).toEqual(trail);
      expect(byPerson.body.items.map((e: { actor: { id: string } }) => e.actor.id)).toEqual([coordinator.id, coordinator.id]);
      const byOrganization = await get(`organization=${world.cast.nato}&action=exchange.&from=${encodeURIComponent(since)}`);
      expect(actions(byOrganization)).toEqual(trail);
      const byUn = await get(`organization=${world.cast.un}&entity=${exchange.id as string}`);
      expect(byUn.body.items).toEqual([]);
      const before = await get(`entity=${exchange.id as string}&to=${encodeURIComponent(since)}`);
      expect(before.body.items).toEqual([]);
      const paged = await get(`entity=${exchange.id as string}&limit=1`);
      expect(actions(paged)).toEqual([trail[0]]);
      const next = await get(`entity=${exchange.id as string}&limit=1&cursor=${paged.body.nextCursor as string}`);
      expect(actions(next)).toEqual([trail[1]]);

      // A role the route requires (@Roles('admin')): the guard's 403 names the role it needs.
      const forbidden = await http().get('/v1/admin/audit').auth(coordinator.token, bearer).expect(403);
      expect(forbidden.body).toEqual({
        statusCode: 403,
        error: 'Forbidden',
        message: 'this needs the role admin',
        code: 'ACCESS.ROLE_REQUIRED',
        requestId: expect.any(String),
      });
      // A string, as the document says, but not a cursor the trail gave.
      const cursor = await http().get('/v1/admin/audit?cursor=abc').auth(ADMIN_TOKEN, bearer).expect(422);
      expect(cursor.body).toMatchObject({ statusCode: 422, code: 'PAGINATION.BAD_CURSOR', details: [{ field: 'cursor' }] });
    });
  });

  describe('visibility', () => {
    it("keeps an internal preparation (one organisation) out of the other organisation's sight", async () => {
      const internal = await createExchange(
        world.stack,
        world.cast.unCoordinator,
        exchangeBody(world.cast, {
          organizations: [world.cast.un],
          hostOrganization: world.cast.un,
          startsAt: inSeconds(5 * 86_400),
          participantIds: [],
          reminderOffsets: [],
        }),
      );
      await http()
        .get(`/v1/exchanges/${internal.id as string}`)
        .auth(world.cast.unCoordinator.token, bearer)
        .expect(200);
      await http()
        .get(`/v1/exchanges/${internal.id as string}`)
        .auth(world.cast.natoCoordinator.token, bearer)
        .expect(404);
      const listed = await http().get('/v1/exchanges?limit=200').auth(world.cast.natoCoordinator.token, bearer).expect(200);
      expect(listed.body.items.map((e: { id: string }) => e.id)).not.toContain(internal.id);
    });

    it("keeps a RESTRICTED exchange's title out of e-mail and out of the other organisation's calendar feed", async () => {
      const [natoParticipant, unParticipant] = [world.cast.participants[0], world.cast.participants[1]];
      const title = `Restricted talks ${Date.now()}`;
      // The P3D reminder falls due one planning lead from now: planned before it is due on this machine.
      const leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
      const exchange = await createExchange(
        world.stack,
        world.cast.unCoordinator,
        exchangeBody(world.cast, {
          title,
          marking: 'RESTRICTED',
          startsAt: inSeconds(3 * 86_400 + leadSeconds),
          participantIds: [natoParticipant.id, unParticipant.id],
          reminderOffsets: ['P3D'],
        }),
      );
      // In-app and e-mail for each of the two participants.
      await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id as string, 4);
      const feed = async (person: TestPerson) => {
        const { url } = (await http().get('/v1/me/calendar').auth(person.token, bearer).expect(200)).body as { url: string };
        return (
          await http()
            .get(new URL(url).pathname + new URL(url).search)
            .expect(200)
        ).text;
      };
      const natoFeed = await feed(natoParticipant);
      // Its one event (the participant is invited to nothing else of this suite's), without the title.
      expect(natoFeed.match(/^UID:.*$/gm)).toEqual([`UID:exchange-${exchange.id as string}@liaison`]);
      expect(natoFeed).not.toContain(title);
      const [mail] = await waitFor(
        'the reminder e-mail of the RESTRICTED exchange',
        async () => world.stack.smtp.to(natoParticipant.email).filter((m) => (m.mail.text ?? '').includes(exchange.id as string)),
        (mails) => mails.length === 1,
      );
      expect(
        `${mail.mail.subject ?? ''}\n${mail.mail.text ?? ''}\n${JSON.stringify(mail.mail.attachments?.map((a) => a.content.toString()))}`,
      ).not.toContain(title);
    });
  });

  describe('HTTP hardening', () => {
    it('sends helmet headers, no CORS headers unless configured, and a request id on errors', async () => {
      const res = await http()
        .get('/v1/exchanges')
        .set('Origin', 'https://evil.example.org')
        .auth(world.cast.unCoordinator.token, bearer)
        .expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
      const error = await http()
        .get('/v1/exchanges/not-a-uuid')
        .set('X-Request-Id', 'trace-me-123')
        .auth(world.cast.unCoordinator.token, bearer)
        .expect(400);
      expect(error.body.requestId).toBe('trace-me-123');
    });
  });
});

const me = (stack: { http: () => ReturnType<TestStack['http']> }, address: string, token?: string) => {
  const req = stack.http().get('/v1/me').set('X-Forwarded-For', address);
  return token ? req.auth(token, bearer) : req;
};
const tooMany = (per: 'token' | 'address', limit: number) => ({
  statusCode: 429,
  error: 'Too Many Requests',
  message: `too many requests for this ${per}: at most ${limit} a minute; retry after the Retry-After seconds`,
  code: per === 'token' ? 'RATE_LIMIT.TOKEN' : 'RATE_LIMIT.ADDRESS',
});

/**
 * Each limit proven alone, on a stack where the other one cannot answer first: TRUST_PROXY=1 lets
 * each test speak from addresses of its own (X-Forwarded-For, see client-address-limits), so the
 * cast's set-up requests count on none of them.
 */
describe('rate limit per token', () => {
  const LIMIT = 5;
  // The address limit far above anything this test sends, and a new address for every request.
  const world = useStack(0, { RATE_LIMIT_PER_TOKEN: String(LIMIT), RATE_LIMIT_PER_ADDRESS: '1000000', TRUST_PROXY: '1' });

  it('answers 429 with Retry-After once a token has made its requests for the minute, from whatever addresses', async () => {
    const token = world.cast.unCoordinator.token;
    const statuses: number[] = [];
    for (let i = 0; i <= LIMIT; i++) statuses.push((await me(world.stack, `198.51.100.${i + 1}`, token)).status);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429]);
    const limited = await me(world.stack, '198.51.100.100', token).expect(429);
    expect(limited.body).toMatchObject(tooMany('token', LIMIT));
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Another token from the same address still gets through.
    await me(world.stack, '198.51.100.100', world.cast.natoCoordinator.token).expect(200);
  });
});

describe('rate limit per address', () => {
  const LIMIT = 12;
  // The token limit far above anything this test sends, and a new token for every request.
  const world = useStack(0, { RATE_LIMIT_PER_TOKEN: '1000000', RATE_LIMIT_PER_ADDRESS: String(LIMIT), TRUST_PROXY: '1' });

  it('answers 429 with Retry-After once an address has made its requests for the minute, whichever tokens they carried', async () => {
    const address = '203.0.113.50';
    // People made each from an address of its own (the stack's set-up used 127.0.0.1's count).
    const people: Array<{ token: string }> = [];
    for (let i = 0; i <= LIMIT; i++) {
      const made = await world.stack
        .http()
        .post('/v1/people')
        .set('X-Forwarded-For', `192.0.2.${i + 1}`)
        .auth(ADMIN_TOKEN, bearer)
        .send({
          name: `Limit ${i}`,
          email: `limit-${i}-${Date.now()}@example.org`,
          organization: world.cast.nato,
          level: 'working',
          roles: ['participant'],
          timezone: 'UTC',
        })
        .expect(201);
      people.push({ token: made.body.token as string });
    }
    const statuses: number[] = [];
    for (const person of people) statuses.push((await me(world.stack, address, person.token)).status);
    expect(statuses).toEqual([...Array<number>(LIMIT).fill(200), 429]);
    const limited = await me(world.stack, address, world.cast.natoCoordinator.token).expect(429);
    expect(limited.body).toMatchObject(tooMany('address', LIMIT));
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // Without a token too; and the same tokens from another address get through.
    expect((await me(world.stack, address).expect(429)).body).toMatchObject(tooMany('address', LIMIT));
    await me(world.stack, '203.0.113.51', people[LIMIT].token).expect(200);
  });
});

describe('token expiry', () => {
  const world = useStack(0, { TOKEN_TTL: 'PT3S' });
  const http = () => world.stack.http();

  it('refuses a token once TOKEN_TTL has passed since it was issued, saying it has expired', async () => {
    const issuing = Date.now();
    const person = await createPerson(world.stack, world.cast.nato);
    const issued = Date.now();
    const listed = await http().get('/v1/me/tokens').auth(person.token, bearer).expect(200);
    const expiresAt = Date.parse((listed.body.items as Array<{ expiresAt: string }>)[0].expiresAt);
    // Issued (in this process, on this clock) between `issuing` and `issued`, for three seconds.
    expect([expiresAt >= issuing + 3000, expiresAt <= issued + 3000]).toEqual([true, true]);

    // Accepted until it expires, then refused: each answer kept with when its request was sent and answered.
    const answers: Array<{ status: number; message?: string; sent: number; answered: number }> = [];
    const refused = await waitFor(
      'the token refused',
      async () => {
        const sent = Date.now();
        const res = await http().get('/v1/me').auth(person.token, bearer);
        answers.push({ status: res.status, message: res.body?.message as string | undefined, sent, answered: Date.now() });
        return answers.at(-1)!;
      },
      (answer) => answer.status !== 200,
    );
    expect(refused).toMatchObject({ status: 401, message: 'the bearer token has expired' });
    // Not refused before it expired, and not accepted in a request sent after.
    expect(refused.answered).toBeGreaterThanOrEqual(expiresAt);
    const earlier = answers.slice(0, -1);
    expect(earlier.filter((a) => a.status !== 200 || a.sent >= expiresAt)).toEqual([]);
    // The admin token is configuration, not an issued token: it does not expire.
    await http().get('/v1/organizations').auth(ADMIN_TOKEN, bearer).expect(200);
  });
});
