import { useStack } from '../support/exchanges';
import { createPerson } from '../support/fixtures';
import { ADMIN_TOKEN } from '../support/stack';

/**
 * `PATCH /v1/me`: every person sets how they are named and reached (the web app's profile page),
 * whatever their roles; never their e-mail, level or roles, which are their managers' to change.
 */
describe('a person changing their own profile', () => {
  const world = useStack(0);

  it('lets a participant set their name, time zone, channels and quiet hours', async () => {
    const person = await createPerson(world.stack, world.cast.nato);
    const client = await world.stack.client(person.token);
    const { data, response } = await client.PATCH('/v1/me', {
      body: { name: 'Ana Lopes', timezone: 'Asia/Tokyo', channels: { email: true }, quietHours: { start: '22:00', end: '06:30' } },
    });
    expect(response.status).toBe(200);
    expect(data).toMatchObject({
      name: 'Ana Lopes',
      timezone: 'Asia/Tokyo',
      channels: { email: true },
      quietHours: { start: '22:00', end: '06:30' },
    });
    expect((await client.GET('/v1/me')).data).toMatchObject({ timezone: 'Asia/Tokyo', quietHours: { start: '22:00', end: '06:30' } });
  });

  it('refuses, changing nothing, a body that would change their roles, level or e-mail', async () => {
    const person = await createPerson(world.stack, world.cast.nato);
    const client = await world.stack.client(person.token);
    for (const body of [{ roles: ['coordinator', 'participant', 'admin'] }, { level: 'senior' }, { email: 'other@nato.example.org' }]) {
      // The document allows none of these fields on this route: sent anyway, they are named in a 400.
      const { response, error } = await client.PATCH('/v1/me', { body: body as unknown as Record<string, never> });
      expect(response.status).toBe(400);
      expect(JSON.stringify(error)).toContain(Object.keys(body)[0]);
    }
    expect((await client.GET('/v1/me')).data).toMatchObject({ roles: ['participant'], level: 'working', email: person.email });
  });

  it('is a person’s own: the admin token is refused', async () => {
    const { response } = await (await world.stack.client(ADMIN_TOKEN)).PATCH('/v1/me', { body: { timezone: 'UTC' } });
    expect(response.status).toBe(403);
  });
});
