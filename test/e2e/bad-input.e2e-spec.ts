import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { inSeconds, uniqueCode } from '../support/fixtures';
import { exchangeBody, useStack } from '../support/exchanges';
import { ADMIN_TOKEN } from '../support/stack';

/** Every bad request gets the right 4xx in the brief's error shape, names what is wrong, and stores nothing. */
describe('bad input', () => {
  const world = useStack(1);
  let valid: Record<string, unknown>;
  beforeAll(() => {
    valid = exchangeBody(world.cast, {
      startsAt: inSeconds(3600),
      participantIds: [world.cast.participants[0].id],
      reminderOffsets: ['PT10M'],
    });
  });

  const post = (body: unknown, token: string | null = world.cast.unCoordinator.token) => {
    const req = world.stack.http().post('/v1/exchanges').set('Content-Type', 'application/json');
    return (token ? req.auth(token, { type: 'bearer' }) : req).send(typeof body === 'string' ? body : JSON.stringify(body));
  };
  // Every exchange its coordinator or its participant made: this suite makes none, so it stays 0.
  const countExchanges = async () =>
    (
      await world.stack.api
        .get(DataSource)
        .query(`SELECT count(*)::int AS n FROM exchanges WHERE created_by = ANY($1)`, [
          [world.cast.unCoordinator.id, world.cast.participants[0].id],
        ])
    )[0].n as number;

  function expectErrorShape(body: Record<string, unknown>, statusCode: number) {
    expect(body).toMatchObject({ statusCode, error: expect.any(String), message: expect.any(String) });
    expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|node_modules/);
  }

  /** Posts `valid` with `change`, and expects `status` naming `field` (and only it) with `problem`, and no exchange stored. */
  async function expectRefusedNamingField(
    change: Record<string, unknown> | (() => Record<string, unknown>),
    field: string,
    problem: RegExp,
    status: 400 | 422,
  ) {
    const res = await post({ ...valid, ...(typeof change === 'function' ? change() : change) }).expect(status);
    expectErrorShape(res.body, status);
    // The one field that is wrong, and only it.
    expect((res.body.details as Array<{ field: string }>).map((d) => d.field)).toEqual([field]);
    expect(res.body.message).toMatch(new RegExp(`\\b${field}\\b`));
    expect(JSON.stringify(res.body.details)).toMatch(problem);
    expect(await countExchanges()).toBe(0);
  }

  // What breaks the API document: an unknown or missing field, a type, a format, a pattern.
  it.each([
    ['an unknown field', { extra: 'x' }, 'extra', /should not exist/],
    ['a missing title', { title: undefined }, 'title', /title/],
    ['an empty title', { title: '' }, 'title', /title/],
    ['an unknown time zone', { timezone: 'Europe/Atlantis' }, 'timezone', /IANA time zone/],
    ['a malformed duration', { reminderOffsets: ['P1X'] }, 'reminderOffsets', /ISO 8601 duration/],
    ['a start without offset', { startsAt: '2030-01-01T10:00:00' }, 'startsAt', /offset/],
    ['a participant id that is not a uuid', { participantIds: ['nobody'] }, 'participantIds', /UUID/],
  ])('refuses %s with a 400 naming the field', (_what, change, field, problem) => expectRefusedNamingField(change, field, problem, 400));

  // What keeps to the document but a rule refuses: a start that has passed, an id or a code that names nothing.
  it.each([
    ['a start in the past', { startsAt: '2020-01-01T10:00:00Z' }, 'startsAt', /future/],
    ['a participant id that does not exist', { participantIds: [randomUUID()] }, 'participantIds', /no person with id/],
    ['an unknown organisation', () => ({ organizations: [world.cast.un, 'XX'] }), 'organizations', /unknown organization XX/],
    ['an unknown area', { areas: ['GARDENING'] }, 'areas', /unknown cooperation area/],
    [
      'a host that does not take part',
      () => ({ hostOrganization: world.cast.nato, organizations: [world.cast.un] }),
      'hostOrganization',
      /one of organizations/,
    ],
  ])('refuses %s with a 422 naming the field', (_what, change, field, problem) => expectRefusedNamingField(change, field, problem, 422));

  it('refuses malformed JSON with a 400', async () => {
    const res = await post('{"title": ').expect(400);
    expectErrorShape(res.body, 400);
    expect(res.body.message).toMatch(/not valid JSON/);
    expect(await countExchanges()).toBe(0);
  });

  it('refuses a body over 1 MB with a 413', async () => {
    const res = await post({ ...valid, title: 'x'.repeat(1_100_000) }).expect(413);
    expectErrorShape(res.body, 413);
    expect(res.body.message).toMatch(/1 MB/);
    expect(await countExchanges()).toBe(0);
  });

  it('refuses no token and a wrong token with a 401', async () => {
    const none = await post(valid, null).expect(401);
    expectErrorShape(none.body, 401);
    expect(none.body.message).toMatch(/bearer token is required/);
    const wrong = await post(valid, 'lsn_not-a-real-token').expect(401);
    expectErrorShape(wrong.body, 401);
    expect(wrong.body.message).toMatch(/not valid/);
    await world.stack.http().get('/v1/me').set('Authorization', 'Basic abc').expect(401);
  });

  it('refuses a participant creating an exchange with a 403', async () => {
    const res = await post(valid, world.cast.participants[0].token).expect(403);
    expectErrorShape(res.body, 403);
    // The route's role guard (@Roles('coordinator')).
    expect(res.body).toMatchObject({ code: 'ACCESS.ROLE_REQUIRED', message: 'this needs the role coordinator' });
    expect(await countExchanges()).toBe(0);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const malformed = await world.stack.http().get('/v1/exchanges/not-an-id').auth(ADMIN_TOKEN, { type: 'bearer' }).expect(400);
    expectErrorShape(malformed.body, 400);
    const unknown = await world.stack.http().get(`/v1/exchanges/${randomUUID()}`).auth(ADMIN_TOKEN, { type: 'bearer' }).expect(404);
    expectErrorShape(unknown.body, 404);
  });

  it('refuses bad filters with a 400, and cursors the API never gave with a 422', async () => {
    const token = world.cast.unCoordinator.token;
    await world.stack.http().get('/v1/exchanges?status=finished').auth(token, { type: 'bearer' }).expect(400);
    await world.stack.http().get('/v1/exchanges?limit=0').auth(token, { type: 'bearer' }).expect(400);
    const cursor = await world.stack.http().get('/v1/exchanges?cursor=garbage').auth(token, { type: 'bearer' }).expect(422);
    expectErrorShape(cursor.body, 422);
    expect(cursor.body.message).toMatch(/cursor/);
    const forged = Buffer.from(JSON.stringify(['2027-01-01T00:00:00.000Z', 'not-a-uuid'])).toString('base64url');
    const res = await world.stack.http().get(`/v1/me/notifications?cursor=${forged}`).auth(token, { type: 'bearer' }).expect(422);
    expectErrorShape(res.body, 422);
    expect(res.body.message).toMatch(/cursor/);
  });

  it('refuses bad people and organisations with 400 and duplicates with 409', async () => {
    const person = { name: 'A', email: 'not-an-email', organization: world.cast.un, level: 'chief', roles: ['king'], timezone: 'Nowhere' };
    const res = await world.stack.http().post('/v1/people').auth(ADMIN_TOKEN, { type: 'bearer' }).send(person).expect(400);
    const fields = (res.body.details as Array<{ field: string }>).map((d) => d.field);
    expect([...fields].sort()).toEqual(['email', 'level', 'roles', 'timezone']);
    // The suite's own organisation, made again.
    const duplicate = await world.stack
      .http()
      .post('/v1/organizations')
      .auth(ADMIN_TOKEN, { type: 'bearer' })
      .send({ code: world.cast.un, name: 'again', timezone: 'UTC' })
      .expect(409);
    expect(duplicate.body).toMatchObject({ statusCode: 409, code: 'ORGANIZATION.DUPLICATE' });
    const code = uniqueCode('OSCE');
    const notAdmin = await world.stack
      .http()
      .post('/v1/organizations')
      .auth(world.cast.unCoordinator.token, { type: 'bearer' })
      .send({ code, name: 'OSCE', timezone: 'Europe/Vienna' })
      .expect(403);
    // The route's role guard (@Roles('admin')).
    expect(notAdmin.body).toMatchObject({ statusCode: 403, code: 'ACCESS.ROLE_REQUIRED', message: 'this needs the role admin' });
    const organizations = await world.stack.http().get('/v1/organizations').auth(ADMIN_TOKEN, { type: 'bearer' }).expect(200);
    expect(organizations.body.items.filter((o: { code: string }) => o.code === code)).toEqual([]);
  });
});
