import { DateTime } from 'luxon';
import { inSeconds, waitFor, WAIT_MS } from '../support/fixtures';
import {
  auditOf,
  createExchange,
  createSeries,
  exchangeBody,
  exchangeOf,
  planningLeadMs,
  seriesBody,
  useStack,
} from '../support/exchanges';
import { answered } from '../support/typed-client';

/** The agenda: proposals awaiting the other side, the freeze, carry-forward and open action items of earlier occurrences. */
describe('the agenda', () => {
  const world = useStack(1);
  const http = () => world.stack.http();
  const un = () => world.cast.unCoordinator;
  const nato = () => world.cast.natoCoordinator;
  const agendaOf = async (exchangeId: string) =>
    (await http().get(`/v1/exchanges/${exchangeId}/agenda`).auth(un().token, { type: 'bearer' }).expect(200)).body as Record<string, any>;
  const codeOf = (res: { status: number; body: Record<string, any> }) => [res.status, res.body.code as string];
  /** How far ahead the workflow's timers are planned in time on this machine (see planningLeadMs). */
  let leadSeconds: number;
  beforeAll(async () => {
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });

  it('awaits the other side, then freezes before the start, through a worker restart', async () => {
    // The agenda freezes two planning leads from now: the changes below, and a worker restart, come before it.
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, {
        startsAt: inSeconds(2 * leadSeconds + 3600),
        participantIds: [],
        reminderOffsets: [],
        agendaFreeze: 'PT1H',
      }),
    );
    expect(exchange).toMatchObject({ agendaFreeze: 'PT1H', agendaFrozenAt: null });

    const proposed = await http()
      .post(`/v1/exchanges/${exchange.id}/agenda`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Protection of civilians: lessons from the field', area: 'POC' })
      .expect(201);
    expect(proposed.body).toMatchObject({
      proposingOrganization: world.cast.un,
      ownerId: un().id,
      acceptedBy: [world.cast.un],
      awaiting: [world.cast.nato],
      accepted: false,
      source: 'proposed',
    });
    const item = proposed.body.id as string;
    // Only the proposing side changes it; the other side accepts it.
    const notTheirs = await http()
      .patch(`/v1/exchanges/${exchange.id}/agenda/${item}`)
      .auth(nato().token, { type: 'bearer' })
      .send({ title: 'Changed' });
    expect(codeOf(notTheirs)).toEqual([403, 'AGENDA.NOT_PROPOSER']);
    const accepted = await http()
      .post(`/v1/exchanges/${exchange.id}/agenda/${item}/accept`)
      .auth(nato().token, { type: 'bearer' })
      .send({ organization: world.cast.nato })
      .expect(200);
    expect(accepted.body).toMatchObject({ accepted: true, awaiting: [], acceptedBy: [world.cast.un, world.cast.nato] });
    // A change by the proposer asks the other side again.
    const changed = await http()
      .patch(`/v1/exchanges/${exchange.id}/agenda/${item}`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Protection of civilians', area: 'WPS' })
      .expect(200);
    expect(changed.body).toMatchObject({ title: 'Protection of civilians', area: 'WPS', accepted: false, awaiting: [world.cast.nato] });
    const unknownArea = await http()
      .post(`/v1/exchanges/${exchange.id}/agenda`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Unknown area', area: 'NOPE' });
    expect(codeOf(unknownArea)).toEqual([422, 'FOLLOW_UP.UNKNOWN_AREA']);
    expect(unknownArea.body.details.map((d: { field: string }) => d.field)).toEqual(['area']);
    const cyber = (
      await http()
        .post(`/v1/exchanges/${exchange.id}/agenda`)
        .auth(nato().token, { type: 'bearer' })
        .send({ title: 'Cyber defence exercise', area: 'CYBER' })
        .expect(201)
    ).body.id as string;

    // The worker goes down before the freeze; the freeze still comes.
    await world.stack.stopWorker();
    await world.stack.startWorker();
    const open = await agendaOf(exchange.id);
    const freezesAt = Date.parse(open.freezesAt as string);
    if (Date.now() >= freezesAt)
      throw new Error(`the agenda froze (${open.freezesAt as string}) before the test was ready: the schedule was too tight`);
    expect(open.frozen).toBe(false);

    // The freeze, as the workflow records it: at or after its time.
    const { agendaFrozenAt } = await waitFor(
      'the freeze recorded by the workflow',
      () => exchangeOf(world.stack, un(), exchange.id),
      (current) => current.agendaFrozenAt !== null,
      freezesAt - Date.now() + WAIT_MS,
    );
    expect(Date.parse(agendaFrozenAt as string)).toBeGreaterThanOrEqual(freezesAt);
    const tooLate = [
      await http()
        .post(`/v1/exchanges/${exchange.id}/agenda`)
        .auth(un().token, { type: 'bearer' })
        .send({ title: 'Too late', area: 'POC' }),
      await http().patch(`/v1/exchanges/${exchange.id}/agenda/${item}`).auth(un().token, { type: 'bearer' }).send({ title: 'Too late' }),
      await http()
        .post(`/v1/exchanges/${exchange.id}/agenda/${item}/accept`)
        .auth(nato().token, { type: 'bearer' })
        .send({ organization: world.cast.nato }),
      await http().delete(`/v1/exchanges/${exchange.id}/agenda/${item}`).auth(un().token, { type: 'bearer' }),
    ];
    const froze = `the agenda froze at ${open.freezesAt as string} (PT1H before the start); the exchange is scheduled`;
    expect(tooLate.map((res) => [res.status, res.body.code, res.body.message])).toEqual(Array(4).fill([409, 'AGENDA.FROZEN', froze]));
    const agenda = await agendaOf(exchange.id);
    expect(agenda.frozen).toBe(true);
    expect(agenda.items.map((i: Record<string, unknown>) => i.id)).toEqual([item, cyber]);

    expect((await auditOf(world.stack, item)).map((e) => `${e.action}:${e.fromState}→${e.toState}`)).toEqual([
      'agenda-item.add:null→awaiting',
      'agenda-item.accept:awaiting→accepted',
      'agenda-item.update:accepted→awaiting',
    ]);
    expect((await auditOf(world.stack, exchange.id)).filter((e) => e.action === 'exchange.agenda.freeze')).toHaveLength(1);
  });

  it('carries items to the next occurrence and shows open action items of earlier ones there, through a worker restart', async () => {
    const zone = 'Europe/Brussels';
    const first = DateTime.now().setZone(zone).plus({ days: 3 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const created = await answered(
      'create series',
      201,
      createSeries(
        world.stack,
        un(),
        seriesBody(world.cast, { rrule: 'FREQ=WEEKLY', dtstart: first.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timezone: zone, horizon: 2 }),
      ),
    );
    // Its horizon: exactly two occurrences, a week apart.
    const [one, two] = await waitFor(
      'the two occurrences of the series',
      async () =>
        (await http().get(`/v1/series/${created.id}/exchanges`).auth(un().token, { type: 'bearer' }).expect(200)).body.items as Array<
          Record<string, any>
        >,
      (items) => items.length === 2,
    );
    expect([one.startsAt, two.startsAt]).toEqual([first.toISO(), first.plus({ weeks: 1 }).toISO()]);

    const item = (
      await http()
        .post(`/v1/exchanges/${one.id}/agenda`)
        .auth(un().token, { type: 'bearer' })
        .send({ title: 'Joint training calendar', area: 'POC' })
        .expect(201)
    ).body.id as string;

    await world.stack.stopWorker();
    // Recorded while the worker is down: the workflow picks the action item up when it is back.
    const action = await http()
      .post(`/v1/exchanges/${one.id}/action-items`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Circulate the draft framework', ownerId: nato().id, dueAt: first.plus({ days: 5 }).toISO() })
      .expect(201);
    await world.stack.startWorker();

    const carried = await http()
      .post(`/v1/exchanges/${one.id}/agenda/${item}/carry-forward`)
      .auth(un().token, { type: 'bearer' })
      .expect(201);
    expect(carried.body).toMatchObject({ exchangeId: two.id, title: 'Joint training calendar', carriedFromId: item, source: 'carried' });
    const again = await http().post(`/v1/exchanges/${one.id}/agenda/${item}/carry-forward`).auth(un().token, { type: 'bearer' });
    expect(codeOf(again)).toEqual([409, 'AGENDA.ALREADY_CARRIED']);
    expect((await agendaOf(one.id)).items).toEqual([expect.objectContaining({ id: item, state: 'carried' })]);

    const next = await agendaOf(two.id);
    expect(next.items).toEqual([
      expect.objectContaining({ id: carried.body.id, source: 'carried' }),
      expect.objectContaining({
        id: null,
        source: 'action-item',
        actionItemId: action.body.id,
        title: 'Circulate the draft framework',
        ownerId: nato().id,
        proposingOrganization: world.cast.nato,
      }),
    ]);

    // Done: it leaves the next agenda.
    await http()
      .patch(`/v1/exchanges/${one.id}/action-items/${action.body.id}`)
      .auth(nato().token, { type: 'bearer' })
      .send({ status: 'done' })
      .expect(200);
    expect((await agendaOf(two.id)).items.map((i: Record<string, unknown>) => i.source)).toEqual(['carried']);

    // A one-off exchange has no next occurrence.
    const single = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, { startsAt: inSeconds(86_400 * 3), participantIds: [] }),
    );
    const lone = await http()
      .post(`/v1/exchanges/${single.id}/agenda`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Alone', area: 'POC' })
      .expect(201);
    const refused = await http()
      .post(`/v1/exchanges/${single.id}/agenda/${lone.body.id}/carry-forward`)
      .auth(un().token, { type: 'bearer' });
    expect(codeOf(refused)).toEqual([409, 'AGENDA.NOT_IN_SERIES']);
  });
});
