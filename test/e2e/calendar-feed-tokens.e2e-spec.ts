import { createHash, createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { useStack } from '../support/exchanges';
import { createOrganization, createPerson, TestPerson } from '../support/fixtures';
import { ADMIN_TOKEN } from '../support/stack';

const bearer = { type: 'bearer' } as const;
/** The feed key every install had unless CALENDAR_FEED_SECRET was set (docker-compose.yml never set it). */
const OLD_DEFAULT_FEED_SECRET = 'liaison-dev-calendar-feed-secret';

/**
 * Calendar feed tokens as an attacker sees them: someone who knows a person's id (every
 * co-participant does) must not be able to compute the feed address; the token is not in the
 * database in clear; the person, their coordinator and an admin can each revoke it; a
 * deactivated person's feed stops at once.
 */
describe('calendar feed tokens', () => {
  const world = useStack(0);
  const http = () => world.stack.http();
  const db = () => world.stack.api.get(DataSource);
  const people = {} as { coordinator: TestPerson; otherCoordinator: TestPerson; colleague: TestPerson };
  let own: string;

  beforeAll(async () => {
    own = await createOrganization(world.stack, 'FEED', 'Europe/Brussels');
    const other = await createOrganization(world.stack, 'FEEDX', 'Europe/Brussels');
    people.coordinator = await createPerson(world.stack, own, { roles: ['coordinator', 'participant'] });
    people.colleague = await createPerson(world.stack, own);
    people.otherCoordinator = await createPerson(world.stack, other, { roles: ['coordinator', 'participant'] });
  });

  /** A new participant of OWN and the feed address a rotation gives them. */
  async function personWithFeed(): Promise<{ person: TestPerson; path: string; token: string }> {
    const person = await createPerson(world.stack, own);
    const res = await http().post('/v1/me/calendar/rotate').auth(person.token, bearer).expect(200);
    const url = new URL((res.body as { url: string }).url);
    return { person, path: `${url.pathname}${url.search}`, token: url.searchParams.get('token')! };
  }

  it('cannot be computed from the person id: an HMAC of the id, as feed tokens used to be, opens nothing', async () => {
    const { person, path } = await personWithFeed();
    await http().get(path).expect(200);
    for (const version of [1, 2, 3]) {
      const forged = createHmac('sha256', OLD_DEFAULT_FEED_SECRET).update(`${person.id}.${version}`).digest('base64url');
      await http().get(`/v1/calendar/${person.id}.ics?token=${forged}`).expect(404);
    }
    // Nor does anything that is not one plain token.
    for (const query of ['token=', 'token[]=x&token[]=y', 'token[a]=b'])
      await http().get(`/v1/calendar/${person.id}.ics?${query}`).expect(404);
  });

  it('is random: two people, and two rotations of one person, never share a token', async () => {
    const a = await personWithFeed();
    const b = await personWithFeed();
    const again = await http().post('/v1/me/calendar/rotate').auth(a.person.token, bearer).expect(200);
    const rotated = new URL((again.body as { url: string }).url).searchParams.get('token')!;
    expect(new Set([a.token, b.token, rotated]).size).toBe(3);
    for (const token of [a.token, b.token, rotated]) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('is stored only as its SHA-256: the token is in no row of any table, its hash is', async () => {
    const { token } = await personWithFeed();
    const hash = createHash('sha256').update(token).digest('hex');
    const tables: Array<{ name: string }> = await db().query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const holding = async (needle: string) => {
      const found: string[] = [];
      for (const { name } of tables) {
        const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM "${name}" t WHERE strpos(t::text, $1) > 0`, [needle]);
        if (n > 0) found.push(name);
      }
      return found;
    };
    expect(await holding(token)).toEqual([]);
    // The same search finds the hash: it is not a search that finds nothing.
    expect(await holding(hash)).toEqual(['calendar_feeds']);
  });

  it('shows the address when it is created; later reads say it exists and how to get a new one', async () => {
    const person = await createPerson(world.stack, own);
    const first = await http().get('/v1/me/calendar').auth(person.token, bearer).expect(200);
    expect(first.body).toMatchObject({ url: expect.stringMatching(/\?token=[\w-]{43}$/), createdAt: expect.any(String) });
    const firstPath = (first.body as { url: string }).url.replace('http://liaison.test', '');
    await http().get(firstPath).expect(200);

    const second = await http().get('/v1/me/calendar').auth(person.token, bearer).expect(200);
    expect(second.body).toEqual({
      url: null,
      createdAt: (first.body as { createdAt: string }).createdAt,
      message: expect.stringContaining('POST /v1/me/calendar/rotate'),
    });
    // Reading again did not change the address.
    await http().get(firstPath).expect(200);
  });

  it('the person revokes it: the old address is a 404, and the next read gives a new one', async () => {
    const { person, path } = await personWithFeed();
    await http().delete('/v1/me/calendar').auth(person.token, bearer).expect(204);
    await http().get(path).expect(404);
    const next = await http().get('/v1/me/calendar').auth(person.token, bearer).expect(200);
    const nextPath = (next.body as { url: string }).url.replace('http://liaison.test', '');
    expect(nextPath).not.toBe(path);
    await http().get(nextPath).expect(200);
    await http().get(path).expect(404);
  });

  it('their coordinator revokes it; a colleague and a coordinator of another organisation cannot (404)', async () => {
    const { person, path } = await personWithFeed();
    await http().delete(`/v1/people/${person.id}/calendar`).auth(people.colleague.token, bearer).expect(404);
    await http().delete(`/v1/people/${person.id}/calendar`).auth(people.otherCoordinator.token, bearer).expect(404);
    await http().get(path).expect(200);
    await http().delete(`/v1/people/${person.id}/calendar`).auth(people.coordinator.token, bearer).expect(204);
    await http().get(path).expect(404);
    const audit = await http()
      .get('/v1/admin/audit')
      .query({ entityType: 'person', entity: person.id, action: 'person.calendar.revoke' })
      .auth(ADMIN_TOKEN, bearer)
      .expect(200);
    expect((audit.body as { items: Array<{ actor: object }> }).items.map((e) => e.actor)).toEqual([
      { type: 'person', id: people.coordinator.id },
    ]);
  });

  it('an admin revokes it', async () => {
    const { person, path } = await personWithFeed();
    await http().delete(`/v1/people/${person.id}/calendar`).auth(ADMIN_TOKEN, bearer).expect(204);
    await http().get(path).expect(404);
  });

  it('a deactivated person’s feed is a 404 at once', async () => {
    const { person, path } = await personWithFeed();
    await http().get(path).expect(200);
    await deactivate(person);
    await http().get(path).expect(404);
  });

  async function deactivate(person: TestPerson): Promise<void> {
    await http().post(`/v1/people/${person.id}/deactivate`).auth(ADMIN_TOKEN, bearer).expect(200);
  }
});
