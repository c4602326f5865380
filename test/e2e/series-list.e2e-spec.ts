import { createSeries, seriesBody, useStack } from '../support/exchanges';
import { createOrganization, createPerson, TestPerson } from '../support/fixtures';
import { ADMIN_TOKEN } from '../support/stack';
import { answered } from '../support/typed-client';

/**
 * `GET /v1/series` lists exactly the series `GET /v1/series/:id` shows the caller: an admin every
 * one, a coordinator those of their organisation, anyone those naming them; newest first, by pages.
 */
describe('the list of series', () => {
  const world = useStack(2);
  const ids: string[] = [];
  let third: string;
  let thirdCoordinator: TestPerson;

  beforeAll(async () => {
    const { cast } = world;
    third = await createOrganization(world.stack, 'THIRD', 'Asia/Tokyo');
    thirdCoordinator = await createPerson(world.stack, third, { roles: ['coordinator', 'participant'] });
    const named = cast.participants.find((p) => p.organization === cast.un)!;
    const rule = { rrule: 'FREQ=WEEKLY;BYDAY=TU', dtstart: '2027-03-02T15:00:00', timezone: 'Europe/Brussels' };
    const bodies = [
      seriesBody(cast, { ...rule, participantIds: [named.id] }),
      seriesBody(cast, rule),
      { ...seriesBody(cast, rule), organizations: [third, cast.nato], hostRotation: [third] },
    ];
    for (const [index, body] of bodies.entries()) {
      const coordinator = index === 2 ? thirdCoordinator : cast.unCoordinator;
      ids.push((await answered(`series ${index}`, 201, createSeries(world.stack, coordinator, body))).id);
    }
  });

  /** The suite's series in the caller's list (every page), in its order. */
  async function listedBy(token: string): Promise<string[]> {
    const client = await world.stack.client(token);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await answered(
        'series list',
        200,
        client.GET('/v1/series', { params: { query: { limit: 2, ...(cursor ? { cursor } : {}) } } }),
      );
      seen.push(...page.items.map((s) => s.id).filter((id) => ids.includes(id)));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return seen;
  }

  /** The suite's series the caller may read one by one. */
  async function readableBy(token: string): Promise<string[]> {
    const client = await world.stack.client(token);
    const readable: string[] = [];
    for (const id of ids)
      if ((await client.GET('/v1/series/{id}', { params: { path: { id } } })).response.status === 200) readable.push(id);
    return readable;
  }

  it('lists to each caller the series they may read, newest first', async () => {
    const { cast } = world;
    const named = cast.participants.find((p) => p.organization === cast.un)!;
    const unnamed = cast.participants.find((p) => p.organization === cast.nato)!;
    const expected: Array<[string, string, string[]]> = [
      ['admin', ADMIN_TOKEN, [ids[2], ids[1], ids[0]]],
      ['UN coordinator', cast.unCoordinator.token, [ids[1], ids[0]]],
      ['NATO coordinator', cast.natoCoordinator.token, [ids[2], ids[1], ids[0]]],
      ['third coordinator', thirdCoordinator.token, [ids[2]]],
      ['named participant', named.token, [ids[0]]],
      ['participant named in none', unnamed.token, []],
    ];
    for (const [who, token, series] of expected) {
      expect([who, await listedBy(token)]).toEqual([who, series]);
      expect([who, [...(await readableBy(token))].sort()]).toEqual([who, [...series].sort()]);
    }
  });

  it('offers the actions to coordinators only', async () => {
    const client = await world.stack.client(world.cast.unCoordinator.token);
    const page = await answered('series list', 200, client.GET('/v1/series', { params: { query: { limit: 100 } } }));
    expect(page.items.find((s) => s.id === ids[1])?.actions).toEqual(['amend', 'pause', 'end']);
    const named = world.cast.participants.find((p) => p.organization === world.cast.un)!;
    const theirs = await answered(
      'list',
      200,
      (await world.stack.client(named.token)).GET('/v1/series', { params: { query: { limit: 100 } } }),
    );
    expect(theirs.items.find((s) => s.id === ids[0])?.actions).toEqual([]);
  });
});
