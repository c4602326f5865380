import { DateTime } from 'luxon';
import { eventually, inSeconds, sleep } from '../support/fixtures';
import { auditOf, createExchange, createSeries, exchangeBody, exchangeOf, seriesBody, useStack } from '../support/exchanges';

/** The agenda: proposals awaiting the other side, the freeze, carry-forward and open action items of earlier occurrences. */
describe('the agenda', () => {
  const world = useStack(1);
  const http = () => world.stack.http();
  const un = () => world.cast.unCoordinator;
  const nato = () => world.cast.natoCoordinator;
  const agendaOf = async (exchangeId: string) =>
    (await http().get(`/v1/exchanges/${exchangeId}/agenda`).auth(un().token, { type: 'bearer' }).expect(200)).body as Record<string, any>;

  it('awaits the other side, then freezes before the start, through a worker restart', async () => {
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody({ startsAt: inSeconds(26), participantIds: [], reminderOffsets: [], agendaFreeze: 'PT16S' }),
    );
    expect(exchange).toMatchObject({ agendaFreeze: 'PT16S', agendaFrozenAt: null });

    const proposed = await http()
      .post(`/v1/exchanges/${exchange.id}/agenda`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Protection of civilians: lessons from the field', area: 'POC' })
      .expect(201);
    expect(proposed.body).toMatchObject({
      proposingOrganization: 'UN',
      ownerId: un().id,
      acceptedBy: ['UN'],
      awaiting: ['NATO'],
      accepted: false,
      source: 'proposed',
    });
    const item = proposed.body.id as string;
    // Only the proposing side changes it; the other side accepts it.
    await http()
      .patch(`/v1/exchanges/${exchange.id}/agenda/${item}`)
      .auth(nato().token, { type: 'bearer' })
      .send({ title: 'Changed' })
      .expect(403);
    const accepted = await http()
      .post(`/v1/exchanges/${exchange.id}/agenda/${item}/accept`)
      .auth(nato().token, { type: 'bearer' })
      .send({ organization: 'NATO' })
      .expect(200);
    expect(accepted.body).toMatchObject({ accepted: true, awaiting: [], acceptedBy: ['UN', 'NATO'] });
    // A change by the proposer asks the other side again.
    const changed = await http()
      .patch(`/v1/exchanges/${exchange.id}/agenda/${item}`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Protection of civilians', area: 'WPS' })
      .expect(200);
    expect(changed.body).toMatchObject({ title: 'Protection of civilians', area: 'WPS', accepted: false, awaiting: ['NATO'] });
    await http()
      .post(`/v1/exchanges/${exchange.id}/agenda`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Unknown area', area: 'NOPE' })
      .expect(400)
      .expect((res) => expect(res.body.message).toContain('area'));
    const cyber = (
      await http()
        .post(`/v1/exchanges/${exchange.id}/agenda`)
        .auth(nato().token, { type: 'bearer' })
        .send({ title: 'Cyber defence exercise', area: 'CYBER' })
        .expect(201)
    ).body.id as string;

    // The worker goes down before the freeze; the freeze still comes.
    await world.stack.stopWorker();
    await sleep(1500);
    await world.stack.startWorker();

    const freezesAt = Date.parse((await agendaOf(exchange.id)).freezesAt as string);
    await sleep(Math.max(0, freezesAt - Date.now() + 300));
    const refused = await http()
      .post(`/v1/exchanges/${exchange.id}/agenda`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Too late', area: 'POC' })
      .expect(409);
    expect(refused.body.message).toMatch(/the agenda froze at .*; the exchange is scheduled/);
    await http()
      .patch(`/v1/exchanges/${exchange.id}/agenda/${item}`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Too late' })
      .expect(409);
    await http()
      .post(`/v1/exchanges/${exchange.id}/agenda/${item}/accept`)
      .auth(nato().token, { type: 'bearer' })
      .send({ organization: 'NATO' })
      .expect(409);
    await http().delete(`/v1/exchanges/${exchange.id}/agenda/${item}`).auth(un().token, { type: 'bearer' }).expect(409);

    const frozenAt = await eventually(
      async () => ((await exchangeOf(world.stack, un(), exchange.id)).agendaFrozenAt as string | null) ?? undefined,
      15_000,
      'the freeze recorded by the workflow',
    );
    expect(Date.parse(frozenAt)).toBeGreaterThanOrEqual(freezesAt - 1000);
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
    const created = await createSeries(
      world.stack,
      un(),
      seriesBody({ rrule: 'FREQ=WEEKLY', dtstart: first.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timezone: zone, horizon: 2 }),
    ).expect(201);
    const [one, two] = await eventually(
      async () => {
        const res = await http().get(`/v1/series/${created.body.id}/exchanges`).auth(un().token, { type: 'bearer' }).expect(200);
        const items = res.body.items as Array<Record<string, any>>;
        return items.length >= 2 ? items : undefined;
      },
      20_000,
      'two occurrences',
    );

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
    await http().post(`/v1/exchanges/${one.id}/agenda/${item}/carry-forward`).auth(un().token, { type: 'bearer' }).expect(409);
    expect((await agendaOf(one.id)).items[0]).toMatchObject({ id: item, state: 'carried' });

    const next = await agendaOf(two.id);
    expect(next.items).toEqual([
      expect.objectContaining({ id: carried.body.id, source: 'carried' }),
      expect.objectContaining({
        id: null,
        source: 'action-item',
        actionItemId: action.body.id,
        title: 'Circulate the draft framework',
        ownerId: nato().id,
        proposingOrganization: 'NATO',
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
    const single = await createExchange(world.stack, un(), exchangeBody({ startsAt: inSeconds(86_400 * 3), participantIds: [] }));
    const lone = await http()
      .post(`/v1/exchanges/${single.id}/agenda`)
      .auth(un().token, { type: 'bearer' })
      .send({ title: 'Alone', area: 'POC' })
      .expect(201);
    const refused = await http()
      .post(`/v1/exchanges/${single.id}/agenda/${lone.body.id}/carry-forward`)
      .auth(un().token, { type: 'bearer' })
      .expect(409);
    expect(refused.body.message).toContain('not an occurrence of a series');
  });
});
