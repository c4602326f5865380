import { createOrganization, inSeconds, waitFor, WAIT_MS } from '../support/fixtures';
import { act, createExchange, createSeries, exchangeBody, exchangeOf, planningLeadMs, seriesBody, useStack } from '../support/exchanges';
import { eventsOf, eventTypesOf, organizationIdsOf } from '../support/events';
import { requestOf, step, submit, supportCast, timelineReached } from '../support/support-requests';

/** Service levels of seconds (as in support-requests.e2e-spec): a request left alone is breached, then escalated, within the file. */
const SERVICE_LEVELS = {
  SUPPORT_ACKNOWLEDGE_WITHIN: 'routine=PT6S,priority=PT5S,urgent=PT3S',
  SUPPORT_DECIDE_WITHIN: 'routine=PT30S,priority=PT20S,urgent=PT8S',
  SUPPORT_REMIND_BEFORE: 'routine=PT3S,priority=PT2S,urgent=PT1S',
  SUPPORT_ESCALATE_AFTER: 'routine=PT3S,priority=PT3S,urgent=PT2S',
  SUPPORT_AUTO_CLOSE_AFTER: 'PT1H',
};

/**
 * Seconds to the start of an exchange whose events are compared as a whole list: its agenda freezes
 * (default P1D before the start) two days after the test, never during it. An exchange starting a day
 * from now froze at once, and its agenda.frozen could land among the events compared.
 */
const AWAY = 3 * 86_400;

/**
 * Events written to the transactional outbox (docs/events.md) in the transaction of the change they
 * report: each at its change, on its resource's lane, for the organisations taking part only, a
 * RESTRICTED resource's as ids, status and times; a change that is refused writes none.
 */
describe('event emission', () => {
  const world = useStack(1, SERVICE_LEVELS);
  const http = () => world.stack.http();
  const un = () => world.cast.unCoordinator;
  const nato = () => world.cast.natoCoordinator;
  const lane = (id: string) => `exchange:${id}`;
  let parties: string[];
  /** A one-minute exchange starting one planning lead from now, its agenda freezing at once: held about a minute into the file. */
  let soon: Record<string, any>;
  let leadSeconds: number;

  const as = (token: string) => ({ type: 'bearer' as const, token });
  const send = (method: 'post' | 'patch' | 'put', path: string, token: string, body: object) =>
    http()[method](path).auth(as(token).token, { type: 'bearer' }).send(body);
  /** The lane's events once `count` of them are written (a worker's come a moment after the request). */
  const eventsReached = (id: string, count: number) =>
    waitFor(
      `${count} events on ${lane(id)}`,
      () => eventsOf(world.stack, lane(id)),
      (events) => events.length >= count,
    );

  beforeAll(async () => {
    parties = await organizationIdsOf(world.stack, [world.cast.un, world.cast.nato]);
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
    soon = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, {
        startsAt: inSeconds(leadSeconds),
        durationMinutes: 1,
        reminderOffsets: [],
        participantIds: [world.cast.participants[0].id],
        agendaFreeze: `PT${leadSeconds}S`,
      }),
    );
  });

  it('an exchange: created, confirmed by each side, rescheduled, cancelled; each its data as the API gives it, heard by its organisations only', async () => {
    const outsider = await createOrganization(world.stack, 'OUT', 'Europe/Paris');
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, { startsAt: inSeconds(AWAY), participantIds: [world.cast.participants[0].id] }),
    );
    const [created] = await eventsOf(world.stack, lane(exchange.id));
    expect(created.type).toBe('exchange.created');
    expect([...created.organizationIds].sort()).toEqual(parties);
    expect(created.organizationIds).not.toContain((await organizationIdsOf(world.stack, [outsider]))[0]);
    expect(created.data).toMatchObject({ id: exchange.id, title: exchange.title, status: 'scheduled', actions: [], actingFor: [] });
    expect(created.data.participants).toEqual(exchange.participants);

    // A refused change (an organisation that does not take part) writes nothing.
    expect((await act(world.stack, un(), exchange.id, 'confirm', { organization: outsider })).response.status).toBe(409);
    expect(await eventTypesOf(world.stack, lane(exchange.id))).toEqual(['exchange.created']);

    await act(world.stack, un(), exchange.id, 'confirm', { organization: world.cast.un });
    await act(world.stack, nato(), exchange.id, 'confirm', { organization: world.cast.nato });
    const startsAt = inSeconds(AWAY + 86_400);
    await act(world.stack, un(), exchange.id, 'reschedule', { startsAt, reason: 'room taken' });
    await act(world.stack, un(), exchange.id, 'cancel', { reason: 'no quorum' });
    // A second cancellation is refused: nothing more.
    expect((await act(world.stack, un(), exchange.id, 'cancel', { reason: 'again' })).response.status).toBe(409);
    const events = await eventsOf(world.stack, lane(exchange.id));
    expect(events.map((e) => [e.type, e.data.status])).toEqual([
      ['exchange.created', 'scheduled'],
      ['exchange.confirmed', 'scheduled'],
      ['exchange.confirmed', 'confirmed'],
      ['exchange.rescheduled', 'confirmed'],
      ['exchange.cancelled', 'cancelled'],
    ]);
    expect(Date.parse(events[3].data.startsAt as string)).toBe(Date.parse(startsAt));
    expect(events[4].data.cancelReason).toBe('no quorum');
    const { actions, actingFor, confirmableFor, ...asApi } = await exchangeOf(world.stack, un(), exchange.id);
    expect(events[4].data).toMatchObject(asApi);
    expect([actions, actingFor, confirmableFor].every(Array.isArray)).toBe(true);
  });

  it('a RESTRICTED exchange’s events carry its ids, status and times only', async () => {
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, { startsAt: inSeconds(AWAY), marking: 'RESTRICTED', participantIds: [world.cast.participants[0].id] }),
    );
    await act(world.stack, un(), exchange.id, 'confirm', { organization: world.cast.un });
    const events = await eventsOf(world.stack, lane(exchange.id));
    expect(events.map((e) => e.type)).toEqual(['exchange.created', 'exchange.confirmed']);
    for (const event of events) {
      expect([...event.organizationIds].sort()).toEqual(parties);
      expect(Object.keys(event.data).sort()).toEqual(
        [
          'agendaFrozenAt',
          'createdAt',
          'endsAt',
          'id',
          'minutesLockedAt',
          'participantIds',
          'seriesId',
          'slotStart',
          'startsAt',
          'status',
          'timezone',
          'updatedAt',
          'workflowId',
        ].sort(),
      );
      expect(event.data.participantIds).toEqual([world.cast.participants[0].id]);
    }
    expect(JSON.stringify(events)).not.toContain(exchange.title);
    void http;
  });

  it('an agenda: an item proposed and accepted; a refused acceptance writes nothing', async () => {
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, { startsAt: inSeconds(7 * 86_400), participantIds: [] }),
    );
    const proposed = await send('post', `/v1/exchanges/${exchange.id}/agenda`, un().token, { title: 'Lessons', area: 'POC' }).expect(201);
    const path = `/v1/exchanges/${exchange.id}/agenda/${proposed.body.id as string}/accept`;
    await send('post', path, nato().token, { organization: world.cast.nato }).expect(200);
    expect((await send('post', path, nato().token, { organization: world.cast.nato })).status).toBe(409);
    const events = await eventsOf(world.stack, lane(exchange.id));
    expect(events.map((e) => e.type)).toEqual(['exchange.created', 'agenda.item-proposed', 'agenda.item-accepted']);
    expect(events[1].data).toEqual(proposed.body);
    expect(events[2].data).toMatchObject({ id: proposed.body.id, accepted: true, acceptedBy: [world.cast.un, world.cast.nato] });
    for (const event of events) expect([...event.organizationIds].sort()).toEqual(parties);
  });

  it('an attendance answer and an action item created, changed, done; the owner’s refused change writes nothing', async () => {
    const participant = world.cast.participants[0];
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, { startsAt: inSeconds(7 * 86_400), participantIds: [participant.id] }),
    );
    await send('post', `/v1/exchanges/${exchange.id}/attendance`, participant.token, { status: 'accepted' }).expect(200);
    const items = `/v1/exchanges/${exchange.id}/action-items`;
    const created = await send('post', items, un().token, {
      title: 'Report',
      ownerId: participant.id,
      dueAt: inSeconds(7 * 86_400),
    }).expect(201);
    const item = `${items}/${created.body.id as string}`;
    await send('patch', item, un().token, { title: 'The report' }).expect(200);
    // The owner may change its status only.
    expect((await send('patch', item, participant.token, { title: 'Mine' })).status).toBe(403);
    const done = await send('patch', item, participant.token, { status: 'done' }).expect(200);
    const events = await eventsOf(world.stack, lane(exchange.id));
    expect(events.map((e) => e.type)).toEqual([
      'exchange.created',
      'attendance.answered',
      'action-item.created',
      'action-item.updated',
      'action-item.done',
    ]);
    expect(events[1].data).toMatchObject({ exchangeId: exchange.id, id: participant.id, attendance: 'accepted' });
    expect(events[2].data).toEqual(created.body);
    expect(events[3].data).toMatchObject({ title: 'The report', status: 'open' });
    expect(events[4].data).toEqual(done.body);
  });

  it('an action item overdue, from the workflow', async () => {
    const owner = world.cast.participants[0];
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, { startsAt: inSeconds(86_400), participantIds: [owner.id] }),
    );
    await send('post', `/v1/exchanges/${exchange.id}/action-items`, un().token, {
      title: 'Soon due',
      ownerId: owner.id,
      dueAt: inSeconds(2 * leadSeconds),
    }).expect(201);
    const events = await waitFor(
      'action-item.overdue',
      () => eventsOf(world.stack, lane(exchange.id)),
      (rows) => rows.some((e) => e.type === 'action-item.overdue'),
      2 * leadSeconds * 1000 + WAIT_MS,
    );
    const itemEvents = events.filter((e) => e.type.startsWith('action-item.'));
    expect(itemEvents.map((e) => e.type)).toEqual(['action-item.created', 'action-item.overdue']);
    expect(itemEvents[1].data.overdueAt).not.toBeNull();
    expect([...itemEvents[1].organizationIds].sort()).toEqual(parties);
  });

  it('a series: created, amended, paused, resumed, ended, on its own lane; a refused change writes nothing', async () => {
    const body = seriesBody(world.cast, { rrule: 'FREQ=MONTHLY;BYDAY=2TU', dtstart: '2030-01-08T10:00', timezone: 'Europe/Brussels' });
    const { data: series } = await createSeries(world.stack, un(), body);
    const path = `/v1/series/${series!.id}`;
    await send('patch', path, un().token, { title: 'Monthly talks' }).expect(200);
    await send('post', `${path}/pause`, un().token, {}).expect(200);
    // Pausing a paused series is refused.
    expect((await send('post', `${path}/pause`, un().token, {})).status).toBe(409);
    await send('post', `${path}/resume`, un().token, {}).expect(200);
    const ended = await send('post', `${path}/end`, nato().token, {}).expect(200);
    const events = await eventsOf(world.stack, `series:${series!.id}`);
    expect(events.map((e) => [e.type, e.data.status, e.data.title])).toEqual([
      ['series.created', 'active', body.title],
      ['series.amended', 'active', 'Monthly talks'],
      ['series.paused', 'paused', 'Monthly talks'],
      ['series.resumed', 'active', 'Monthly talks'],
      ['series.ended', 'ended', 'Monthly talks'],
    ]);
    for (const event of events) expect([...event.organizationIds].sort()).toEqual(parties);
    expect(events[4].data).toEqual({ ...ended.body, actions: [] });
  });

  it('a support request: submitted, its steps with their transition, closed; breached and escalated when left alone; a RESTRICTED one reduced', async () => {
    const cast = await supportCast(world.stack);
    const sides = await organizationIdsOf(world.stack, [cast.requesting, cast.providing]);
    const restricted = await submit(world.stack, cast, { marking: 'RESTRICTED', priority: 'urgent' });
    const request = await submit(world.stack, cast);
    const id = request.id as string;
    const ok = async (...args: Parameters<typeof step>) => {
      const { response, data } = await step(...args);
      expect(response.status).toBe(200);
      return data as Record<string, any>;
    };
    await ok(world.stack, cast.provider, id, 'acknowledge', { assigneeId: cast.assignee.id });
    // Raised onto an exchange of its two sides: an agenda item proposed on the exchange's lane.
    const meeting = await createExchange(
      world.stack,
      cast.requester,
      exchangeBody({ un: cast.requesting, nato: cast.providing }, { startsAt: inSeconds(7 * 86_400), participantIds: [] }),
    );
    await send('post', `/v1/support-requests/${id}/raise`, cast.requester.token, { exchangeId: meeting.id }).expect(201);
    const onAgenda = await eventsOf(world.stack, lane(meeting.id));
    expect(onAgenda.map((e) => e.type)).toEqual(['exchange.created', 'agenda.item-proposed']);
    expect(onAgenda[1].data).toMatchObject({ supportRequestId: id, source: 'support-request', exchangeId: meeting.id });
    expect([...onAgenda[1].organizationIds].sort()).toEqual(sides);
    // Closing before delivery is refused: nothing written.
    expect((await step(world.stack, cast.requester, id, 'close')).response.status).toBe(409);
    await ok(world.stack, cast.requester, id, 'withdraw', { reason: 'Found another provider.' });
    const events = await eventsOf(world.stack, `support-request:${id}`);
    expect(events.map((e) => [e.type, e.data.step, e.data.fromStatus, e.data.toStatus, e.data.status])).toEqual([
      ['support-request.submitted', undefined, undefined, undefined, 'submitted'],
      ['support-request.step', 'acknowledge', 'submitted', 'acknowledged', 'acknowledged'],
      ['support-request.closed', 'withdraw', 'acknowledged', 'withdrawn', 'withdrawn'],
    ]);
    for (const event of events) expect([...event.organizationIds].sort()).toEqual(sides);
    const { actions, timeline, ...asApi } = await requestOf(world.stack, cast.provider, id);
    expect(events[2].data).toMatchObject(asApi);
    expect([actions, timeline].every(Array.isArray)).toBe(true);

    // Left alone, the RESTRICTED request's acknowledgement is breached, then escalated: ids, status and times only.
    await timelineReached(world.stack, cast.provider, restricted.id as string, 'deadline.escalation');
    const late = await eventsOf(world.stack, `support-request:${restricted.id as string}`);
    expect(late.map((e) => e.type)).toEqual(['support-request.submitted', 'support-request.breached', 'support-request.escalated']);
    for (const event of late) {
      expect(event.data).toEqual({
        id: restricted.id,
        status: 'submitted',
        assigneeId: null,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
    }
    expect(JSON.stringify(late)).not.toContain(restricted.title);
  });

  it('a held exchange: agenda frozen, held, minutes drafted and approved by each side, closed', async () => {
    await waitFor(
      `exchange ${soon.id as string} held`,
      () => exchangeOf(world.stack, un(), soon.id as string),
      (current) => current.status === 'held',
      Date.parse(soon.endsAt as string) - Date.now() + WAIT_MS,
    );
    const minutes = `/v1/exchanges/${soon.id as string}/minutes`;
    await send('put', minutes, un().token, { text: 'Agreed.' }).expect(200);
    await send('post', `${minutes}/approve`, un().token, { organization: world.cast.un, version: 1 }).expect(200);
    // Approving a version that is not the current one is refused, and writes nothing.
    expect((await send('post', `${minutes}/approve`, nato().token, { organization: world.cast.nato, version: 9 })).status).toBe(409);
    await send('post', `${minutes}/approve`, nato().token, { organization: world.cast.nato, version: 1 }).expect(200);
    const events = await eventsReached(soon.id as string, 7);
    expect(events.map((e) => [e.type, e.data.status])).toEqual([
      ['exchange.created', 'scheduled'],
      ['agenda.frozen', undefined],
      ['exchange.held', 'held'],
      ['minutes.drafted', 'draft'],
      ['minutes.approved', 'draft'],
      ['minutes.approved', 'locked'],
      ['exchange.closed', 'closed'],
    ]);
    expect(events[1].data).toMatchObject({ exchangeId: soon.id, frozen: true, items: [] });
    expect(events[3].data).toMatchObject({ version: 1, text: 'Agreed.', awaiting: [world.cast.nato, world.cast.un].sort() });
    expect(events[5].data).toEqual((await http().get(minutes).auth(un().token, { type: 'bearer' }).expect(200)).body);
  });
});
