import type { Schemas } from '../../libs/client/src';
import { act, createExchange, exchangeBody, planningLeadMs, statusReached, useStack } from '../support/exchanges';
import { inSeconds, TestPerson, WAIT_MS } from '../support/fixtures';
import { step, submit, supportCast } from '../support/support-requests';
import { ADMIN_TOKEN } from '../support/stack';
import { answered } from '../support/typed-client';

type WaitingItem = Schemas['WaitingItemResponse'];

/**
 * "Waiting for me" (`GET /v1/me/waiting`): for each person, the steps the resources' own `actions`
 * say are open to them, by due time. A UN coordinator, a NATO coordinator and a NATO participant;
 * and, for a support request, the cast of the support-request tests.
 */
describe('waiting for me', () => {
  const world = useStack(1);
  const un = () => world.cast.unCoordinator;
  const nato = () => world.cast.natoCoordinator;
  const participant = () => world.cast.participants[0];
  /** A one-minute exchange made first, held about a minute into the file, for its minutes. */
  let minuted: Record<string, any>;

  const waitingOf = async (person: TestPerson): Promise<WaitingItem[]> =>
    (await answered('waiting', 200, (await world.stack.client(person.token)).GET('/v1/me/waiting'))).items;
  /** What is waiting for `person` about one exchange or request, as `kind action organization`. */
  const about = async (person: TestPerson, id: string) =>
    (await waitingOf(person))
      .filter((item) => item.exchangeId === id || item.supportRequestId === id)
      .map((item) => `${item.kind} ${item.action} ${item.organization ?? '-'}`);

  beforeAll(async () => {
    const leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
    minuted = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, { startsAt: inSeconds(leadSeconds), durationMinutes: 1, reminderOffsets: [], participantIds: [] }),
    );
  });

  it('is a person’s own: the admin token gets a 403, no token a 401', async () => {
    const admin = await (await world.stack.client(ADMIN_TOKEN)).GET('/v1/me/waiting');
    expect([admin.response.status, (admin.error as { code?: string } | undefined)?.code]).toEqual([403, 'ME.NOT_A_PERSON']);
    expect((await (await world.stack.client()).GET('/v1/me/waiting')).response.status).toBe(401);
  });

  it('shows an exchange awaiting NATO’s confirmation to NATO’s coordinator only, until NATO confirms', async () => {
    const { un: UN, nato: NATO } = world.cast;
    const startsAt = inSeconds(10 * 86_400);
    const exchange = await createExchange(world.stack, un(), exchangeBody(world.cast, { startsAt, participantIds: [participant().id] }));
    const id = exchange.id as string;
    await answered('UN confirms', 200, act(world.stack, un(), id, 'confirm', { organization: UN }));

    const natoItems = (await waitingOf(nato())).filter((item) => item.exchangeId === id);
    expect(natoItems).toEqual([
      {
        kind: 'confirmation',
        title: exchange.title,
        exchangeId: id,
        supportRequestId: null,
        organization: NATO,
        action: 'confirm',
        dueAt: expect.any(String),
      },
    ]);
    // Due at the confirmation deadline (seven days before the start), written in the exchange's zone.
    expect(Date.parse(natoItems[0].dueAt!)).toBe(Date.parse(startsAt) - 7 * 86_400_000);
    expect(natoItems[0].dueAt).toMatch(/\+01:00$/);
    expect(await about(un(), id)).toEqual([]);
    expect(await about(participant(), id)).toEqual([]);

    await answered('NATO confirms', 200, act(world.stack, nato(), id, 'confirm', { organization: NATO }));
    expect(await about(nato(), id)).toEqual([]);
  });

  it('shows an agenda item proposed by UN to NATO’s coordinator until NATO accepts it', async () => {
    const { un: UN, nato: NATO } = world.cast;
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, { startsAt: inSeconds(10 * 86_400), participantIds: [] }),
    );
    const id = exchange.id as string;
    for (const [person, organization] of [
      [un(), UN],
      [nato(), NATO],
    ] as const) {
      await answered('confirm', 200, act(world.stack, person, id, 'confirm', { organization }));
    }
    const item = await answered(
      'propose',
      201,
      (await world.stack.client(un().token)).POST('/v1/exchanges/{id}/agenda', {
        params: { path: { id } },
        body: { title: 'Protection of civilians: lessons from the field', area: 'POC' },
      }),
    );
    const natoItems = (await waitingOf(nato())).filter((w) => w.exchangeId === id);
    expect(natoItems).toEqual([
      {
        kind: 'agenda-item',
        title: 'Protection of civilians: lessons from the field',
        exchangeId: id,
        supportRequestId: null,
        organization: NATO,
        action: 'accept',
        dueAt: expect.any(String),
      },
    ]);
    // Due at the agenda freeze: a day before the start.
    expect(Date.parse(natoItems[0].dueAt!)).toBe(Date.parse(exchange.startsAt as string) - 86_400_000);
    expect(await about(un(), id)).toEqual([]);

    await answered(
      'accept',
      200,
      (await world.stack.client(nato().token)).POST('/v1/exchanges/{id}/agenda/{itemId}/accept', {
        params: { path: { id, itemId: item.id! } },
        body: { organization: NATO },
      }),
    );
    expect(await about(nato(), id)).toEqual([]);
  });

  it('shows an action item to its owner, until it is done', async () => {
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, { startsAt: inSeconds(10 * 86_400), participantIds: [participant().id] }),
    );
    const id = exchange.id as string;
    const dueAt = inSeconds(20 * 86_400);
    const item = await answered(
      'action item',
      201,
      (await world.stack.client(un().token)).POST('/v1/exchanges/{id}/action-items', {
        params: { path: { id } },
        body: { title: 'Send the course syllabus', ownerId: participant().id, dueAt },
      }),
    );
    const mine = (await waitingOf(participant())).filter((w) => w.kind === 'action-item' && w.exchangeId === id);
    expect(mine).toEqual([
      {
        kind: 'action-item',
        title: 'Send the course syllabus',
        exchangeId: id,
        supportRequestId: null,
        organization: null,
        action: 'update',
        dueAt: expect.any(String),
      },
    ]);
    expect(Date.parse(mine[0].dueAt!)).toBe(Date.parse(dueAt));
    expect((await about(un(), id)).filter((w) => w.startsWith('action-item'))).toEqual([]);

    await answered(
      'done',
      200,
      (await world.stack.client(participant().token)).PATCH('/v1/exchanges/{id}/action-items/{itemId}', {
        params: { path: { id, itemId: item.id } },
        body: { status: 'done' },
      }),
    );
    expect(await about(participant(), id)).toEqual([]);
  });

  it('shows a request at recommended, to decide, to the providing organisation’s senior level', async () => {
    const cast = await supportCast(world.stack);
    const { id } = await submit(world.stack, cast);
    expect(await about(cast.provider, id as string)).toEqual([`support-request acknowledge ${cast.providing}`]);
    await answered('acknowledge', 200, step(world.stack, cast.provider, id as string, 'acknowledge', {}));
    await answered(
      'recommend',
      200,
      step(world.stack, cast.provider, id as string, 'recommend', { recommendation: 'approve', rationale: 'Fits the plan.' }),
    );
    const senior = (await waitingOf(cast.providerSenior)).filter((w) => w.supportRequestId === id);
    expect(senior).toEqual([
      {
        kind: 'support-request',
        title: expect.stringContaining('C-IED training'),
        exchangeId: null,
        supportRequestId: id,
        organization: cast.providing,
        action: 'decide',
        dueAt: expect.any(String),
      },
    ]);
    // Nothing moves it on for the requesting side (it may only withdraw), nor for the provider's coordinator.
    expect(await about(cast.requester, id as string)).toEqual([]);
    expect(await about(cast.provider, id as string)).toEqual([]);

    await answered('decide', 200, step(world.stack, cast.providerSenior, id as string, 'decide', { decision: 'approve' }));
    expect(await about(cast.providerSenior, id as string)).toEqual([]);
    expect(await about(cast.provider, id as string)).toEqual([`support-request start-delivery ${cast.providing}`]);
  });

  it('shows drafted minutes to the side that has not approved them, until the minutes lock', async () => {
    const { un: UN, nato: NATO } = world.cast;
    const id = minuted.id as string;
    await statusReached(world.stack, un(), id, 'held', Date.parse(minuted.endsAt as string) - Date.now() + WAIT_MS);
    // Not drafted: nothing to approve.
    expect((await about(nato(), id)).filter((w) => w.startsWith('minutes'))).toEqual([]);
    const client = await world.stack.client(un().token);
    await answered('draft', 200, client.PUT('/v1/exchanges/{id}/minutes', { params: { path: { id } }, body: { text: 'Version one' } }));
    expect(await about(un(), id)).toEqual([`minutes approve ${UN}`]);
    expect(await about(nato(), id)).toEqual([`minutes approve ${NATO}`]);
    expect(await about(participant(), id)).toEqual([]);

    await answered(
      'UN approves',
      200,
      client.POST('/v1/exchanges/{id}/minutes/approve', { params: { path: { id } }, body: { organization: UN, version: 1 } }),
    );
    expect(await about(un(), id)).toEqual([]);
    expect(await about(nato(), id)).toEqual([`minutes approve ${NATO}`]);
    const natoClient = await world.stack.client(nato().token);
    await answered(
      'NATO approves',
      200,
      natoClient.POST('/v1/exchanges/{id}/minutes/approve', { params: { path: { id } }, body: { organization: NATO, version: 1 } }),
    );
    expect(await about(nato(), id)).toEqual([]);
  });

  it('puts the earliest due first and those without a due time last', async () => {
    const items = await waitingOf(nato());
    const due = items.map((item) => item.dueAt);
    const firstNull = due.indexOf(null);
    const dated = (firstNull === -1 ? due : due.slice(0, firstNull)).map((d) => Date.parse(d!));
    expect(dated).toEqual([...dated].sort((a, b) => a - b));
    if (firstNull !== -1) expect(due.slice(firstNull).every((d) => d === null)).toBe(true);
  });
});
