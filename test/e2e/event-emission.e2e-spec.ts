import { createOrganization, inSeconds } from '../support/fixtures';
import { act, createExchange, exchangeBody, exchangeOf, useStack } from '../support/exchanges';
import { eventsOf, eventTypesOf, organizationIdsOf } from '../support/events';

/**
 * Events written to the transactional outbox (docs/events.md) in the transaction of the change they
 * report: each at its change, on its resource's lane, for the organisations taking part only, a
 * RESTRICTED resource's as ids, status and times; a change that is refused writes none.
 */
describe('event emission', () => {
  const world = useStack(1);
  const http = () => world.stack.http();
  const un = () => world.cast.unCoordinator;
  const nato = () => world.cast.natoCoordinator;
  const lane = (id: string) => `exchange:${id}`;
  let parties: string[];

  beforeAll(async () => {
    parties = await organizationIdsOf(world.stack, [world.cast.un, world.cast.nato]);
  });

  it('an exchange: created, confirmed by each side, rescheduled, cancelled; each its data as the API gives it, heard by its organisations only', async () => {
    const outsider = await createOrganization(world.stack, 'OUT', 'Europe/Paris');
    const exchange = await createExchange(
      world.stack,
      un(),
      exchangeBody(world.cast, { startsAt: inSeconds(86_400), participantIds: [world.cast.participants[0].id] }),
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
    const startsAt = inSeconds(2 * 86_400);
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
      exchangeBody(world.cast, { startsAt: inSeconds(86_400), marking: 'RESTRICTED', participantIds: [world.cast.participants[0].id] }),
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
});
