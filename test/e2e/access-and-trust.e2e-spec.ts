import { DataSource } from 'typeorm';
import { createPerson, eventually, inSeconds, TestPerson } from '../support/fixtures';
import { createExchange, exchangeBody, useStack } from '../support/exchanges';
import { ADMIN_TOKEN } from '../support/stack';

const bearer = { type: 'bearer' } as const;

/** Tokens, idempotency keys, the audit trail, visibility and HTTP hardening, on the real stack. */
describe('access and trust', () => {
  const world = useStack(2);
  const http = () => world.stack.http();
  const db = () => world.stack.api.get(DataSource);

  describe('tokens', () => {
    it('rotates: the old token is refused as revoked, the new one works, and the list shows no secret', async () => {
      const person = await createPerson(world.stack, 'NATO');
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
      const natoPerson = await createPerson(world.stack, 'NATO');
      await http().post(`/v1/people/${natoPerson.id}/tokens`).auth(world.cast.natoCoordinator.token, bearer).expect(201);
      const other = await http().post(`/v1/people/${natoPerson.id}/tokens`).auth(world.cast.unCoordinator.token, bearer);
      expect([403, 404]).toContain(other.status);
    });
  });

  describe('idempotency keys', () => {
    it('answers a repeated POST with the first response and creates nothing new; another body with the same key is a 422', async () => {
      // This suite's coordinator's exchanges only: suites in other Jest workers create theirs meanwhile.
      const count = async () =>
        (await db().query(`SELECT count(*)::int AS n FROM exchanges WHERE created_by = $1`, [world.cast.unCoordinator.id]))[0].n as number;
      const body = exchangeBody({ startsAt: inSeconds(7 * 86_400), participantIds: [], reminderOffsets: [] });
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
      const natoBody = { ...body, hostOrganization: 'NATO' };
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
      const bad = { ...exchangeBody({ startsAt: inSeconds(7 * 86_400), participantIds: [] }), areas: ['GARDENING'] };
      await http().post('/v1/exchanges').auth(world.cast.unCoordinator.token, bearer).set('Idempotency-Key', key).send(bad).expect(400);
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
      const since = new Date(Date.now() - 1000).toISOString();
      const exchange = await createExchange(
        world.stack,
        world.cast.natoCoordinator,
        exchangeBody({ hostOrganization: 'NATO', startsAt: inSeconds(9 * 86_400), participantIds: [], reminderOffsets: [] }),
      );
      await http()
        .post(`/v1/exchanges/${exchange.id as string}/cancel`)
        .auth(world.cast.natoCoordinator.token, bearer)
        .send({ reason: 'test' })
        .expect(200);
      const get = (query: string) => http().get(`/v1/admin/audit?${query}`).auth(ADMIN_TOKEN, bearer).expect(200);

      const byEntity = await get(`entityType=exchange&entity=${exchange.id as string}`);
      expect(byEntity.body.items.map((e: { action: string }) => e.action)).toEqual(['exchange.cancel', 'exchange.create']);
      const byPerson = await get(`person=${world.cast.natoCoordinator.id}&from=${encodeURIComponent(since)}`);
      expect(byPerson.body.items.map((e: { entityId: string }) => e.entityId)).toContain(exchange.id);
      expect(byPerson.body.items.every((e: { actor: { id: string } }) => e.actor.id === world.cast.natoCoordinator.id)).toBe(true);
      const byOrganization = await get(`organization=NATO&action=exchange.&from=${encodeURIComponent(since)}`);
      expect(byOrganization.body.items.map((e: { entityId: string }) => e.entityId)).toContain(exchange.id);
      const byUn = await get(`organization=UN&entity=${exchange.id as string}`);
      expect(byUn.body.items).toEqual([]);
      const before = await get(`entity=${exchange.id as string}&to=${encodeURIComponent(since)}`);
      expect(before.body.items).toEqual([]);
      const paged = await get(`entity=${exchange.id as string}&limit=1`);
      expect(paged.body.items).toHaveLength(1);
      const next = await get(`entity=${exchange.id as string}&limit=1&cursor=${paged.body.nextCursor as string}`);
      expect(next.body.items[0].action).toBe('exchange.create');

      await http().get('/v1/admin/audit').auth(world.cast.natoCoordinator.token, bearer).expect(403);
      await http().get('/v1/admin/audit?cursor=abc').auth(ADMIN_TOKEN, bearer).expect(400);
    });
  });

  describe('visibility', () => {
    it("keeps an internal preparation (one organisation) out of the other organisation's sight", async () => {
      const internal = await createExchange(
        world.stack,
        world.cast.unCoordinator,
        exchangeBody({
          organizations: ['UN'],
          hostOrganization: 'UN',
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
      const exchange = await createExchange(
        world.stack,
        world.cast.unCoordinator,
        exchangeBody({
          title,
          marking: 'RESTRICTED',
          // The P3D reminder falls 4 s from now: in the future when the workflow plans it, even on a busy machine.
          startsAt: inSeconds(3 * 86_400 + 4),
          participantIds: [natoParticipant.id, unParticipant.id],
          reminderOffsets: ['P3D'],
        }),
      );
      const feed = async (person: TestPerson) => {
        const { url } = (await http().get('/v1/me/calendar').auth(person.token, bearer).expect(200)).body as { url: string };
        return (
          await http()
            .get(new URL(url).pathname + new URL(url).search)
            .expect(200)
        ).text;
      };
      const natoFeed = await feed(natoParticipant);
      expect(natoFeed).toContain(exchange.id as string);
      expect(natoFeed).not.toContain(title);
      const mail = await eventually(
        async () => world.stack.smtp.to(natoParticipant.email).find((m) => (m.mail.text ?? '').includes(exchange.id as string)),
        15_000,
        'the reminder e-mail of the RESTRICTED exchange',
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

describe('rate limits', () => {
  const world = useStack(0, { RATE_LIMIT_PER_TOKEN: '5', RATE_LIMIT_PER_ADDRESS: '12' });
  const http = () => world.stack.http();

  it('answers 429 with Retry-After once a token has made its requests for the minute, then once the address has', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await http().get('/v1/me').auth(world.cast.unCoordinator.token, bearer)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await http().get('/v1/me').auth(world.cast.unCoordinator.token, bearer).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', message: expect.stringContaining('token') });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);

    // Another token still gets through, until the address as a whole has had its 12.
    const other = world.cast.natoCoordinator.token;
    const more: number[] = [];
    for (let i = 0; i < 6; i++) more.push((await http().get('/v1/me').auth(other, bearer)).status);
    expect(more.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(more.at(-1)).toBe(429);
    const anonymous = await http().get('/v1/me').expect(429);
    expect(anonymous.body.message).toContain('address');
  });
});

describe('token expiry', () => {
  const world = useStack(0, { TOKEN_TTL: 'PT3S' });
  const http = () => world.stack.http();

  it('refuses a token once TOKEN_TTL has passed since it was issued, saying it has expired', async () => {
    const person = await createPerson(world.stack, 'NATO');
    const issued = await http().get('/v1/me/tokens').auth(person.token, bearer).expect(200);
    const expiresAt = Date.parse(issued.body.items[0].expiresAt as string);
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(3000);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, expiresAt - Date.now()) + 200));
    const expired = await http().get('/v1/me').auth(person.token, bearer).expect(401);
    expect(expired.body).toMatchObject({ statusCode: 401, message: 'the bearer token has expired' });
    // The admin token is configuration, not an issued token: it does not expire.
    await http().get('/v1/organizations').auth(ADMIN_TOKEN, bearer).expect(200);
  });
});
