import { DateTime } from 'luxon';
import { createExchange, exchangeBody, inboxOf, planningLeadMs, remindersOf, useStack } from '../support/exchanges';
import { createOrganization, createPerson, inSeconds, TestPerson, waitFor, WAIT_MS } from '../support/fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** A zone without clock changes and with a half-hour offset: quiet hours are read in it, not in UTC. */
const ZONE = 'Asia/Kolkata';

/** `HH:mm` in ZONE of the instant `ms` from now. */
const clockIn = (ms: number) => DateTime.fromMillis(Date.now() + ms, { zone: ZONE }).toFormat('HH:mm');
/** The instant at which ZONE's clock reads `clock` next: quiet hours begin and end on whole minutes. */
const nextAt = (clock: string, after = Date.now()) => {
  const [hour, minute] = clock.split(':').map(Number);
  const today = DateTime.fromMillis(after, { zone: ZONE }).set({ hour, minute, second: 0, millisecond: 0 });
  return (today.toMillis() > after ? today : today.plus({ days: 1 })).toMillis();
};

/**
 * Quiet hours on the real stack: a reminder due in a person's quiet hours (read in their zone) is
 * due at their end, or the minute before they begin when their end is after the exchange's start;
 * follow-up stages due now (the confirmation deadline, its escalation) the same. Every time is
 * relative to now and the zone has no clock change, so the file holds at any hour of the day.
 */
describe('quiet hours', () => {
  const world = useStack(0);

  /** A person of `organization` with e-mail on and these quiet hours in ZONE, set by themself (`PATCH /v1/me`). */
  async function quietPerson(organization: string, start: string, end: string, options: { level?: 'senior'; roles?: string[] } = {}) {
    const person = await createPerson(world.stack, organization, { email: true, ...options });
    const { data, response } = await (
      await world.stack.client(person.token)
    ).PATCH('/v1/me', {
      body: { timezone: ZONE, quietHours: { start, end } },
    });
    expect(response.status).toBe(200);
    expect(data?.quietHours).toEqual({ start, end, rule: expect.stringContaining(`${start} to ${end} (${ZONE})`) });
    return person;
  }

  const rowsOf = async (exchangeId: string, person: TestPerson, kind = 'exchange') =>
    (await remindersOf(world.stack, world.cast.unCoordinator, exchangeId)).filter((r) => r.personId === person.id && r.kind === kind);

  it('shows the quiet hours with their rule in the person’s language', async () => {
    const person = await quietPerson(world.cast.nato, '22:00', '07:00');
    const client = await world.stack.client(person.token);
    expect((await client.GET('/v1/me')).data?.quietHours?.rule).toBe(
      `Quiet from 22:00 to 07:00 (${ZONE}): a reminder due in these hours, escalations included, is sent at 07:00; ` +
        'if 07:00 comes after the start of what it reminds you of, it is sent just before 22:00 instead.',
    );
    expect((await client.PATCH('/v1/me', { body: { language: 'fr' } })).response.status).toBe(200);
    expect((await client.GET('/v1/me')).data?.quietHours?.rule).toMatch(/^Heures calmes de 22:00 à 07:00 \(fuseau Asia\/Kolkata\)/);
    const coordinator = await world.stack.client(world.cast.natoCoordinator.token);
    expect((await coordinator.GET('/v1/people/{id}', { params: { path: { id: person.id } } })).data?.quietHours?.rule).toMatch(
      /^Heures calmes/,
    );
  });

  it('plans a reminder due in the quiet hours at their end; others at their time', async () => {
    // Due 3 h from now, quiet from 2 h to 4 h from now; the exchange starts 6 h from now.
    const start = clockIn(2 * HOUR);
    const end = clockIn(4 * HOUR);
    const quiet = await quietPerson(world.cast.nato, start, end);
    const other = await createPerson(world.stack, world.cast.nato, { email: true });
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(6 * 3600), participantIds: [quiet.id, other.id], reminderOffsets: ['PT3H'] }),
    );
    const rows = await waitFor(
      'the quiet person’s reminders planned',
      () => rowsOf(exchange.id as string, quiet),
      (items) => items.length === 2,
    );
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'scheduled', dueAt: new Date(nextAt(end)).toISOString() });
    }
    const due = new Date(Date.parse(exchange.startsAt as string) - 3 * HOUR).toISOString();
    expect((await rowsOf(exchange.id as string, other)).map((r) => r.dueAt)).toEqual([due, due]);
  });

  it('plans it the minute before the quiet hours begin when they end after the start', async () => {
    // Due 1 h from now, quiet from 30 min to 4 h from now; the exchange starts 3 h from now.
    const start = clockIn(30 * MINUTE);
    const quiet = await quietPerson(world.cast.nato, start, clockIn(4 * HOUR));
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(3 * 3600), participantIds: [quiet.id], reminderOffsets: ['PT2H'] }),
    );
    const rows = await waitFor(
      'the reminders planned',
      () => rowsOf(exchange.id as string, quiet),
      (items) => items.length === 2,
    );
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'scheduled', dueAt: new Date(nextAt(start) - MINUTE).toISOString() });
    }
  });

  it('sends it at once when the minute before the quiet hours has passed', async () => {
    // Due 1 h from now, quiet since 30 min ago until 4 h from now; the exchange starts 3 h from now.
    const quiet = await quietPerson(world.cast.nato, clockIn(-30 * MINUTE), clockIn(4 * HOUR));
    const created = Date.now();
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(3 * 3600), participantIds: [quiet.id], reminderOffsets: ['PT2H'] }),
    );
    const rows = await waitFor(
      'the reminders planned',
      () => rowsOf(exchange.id as string, quiet),
      (items) => items.length === 2,
    );
    for (const row of rows) {
      expect(Date.parse(row.dueAt as string)).toBeGreaterThanOrEqual(created);
      expect(Date.parse(row.dueAt as string)).toBeLessThanOrEqual(Date.now());
    }
    await waitFor(
      'the reminder in the inbox',
      async () => (await inboxOf(world.stack, quiet)).filter((n) => n.exchangeId === exchange.id),
      (items) => items.length === 1,
    );
  });

  it('defers a confirmation reminder and its escalation due now in the quiet hours to their end', async () => {
    const late = await createOrganization(world.stack, 'QUIET', 'Europe/Brussels');
    // Quiet since an hour ago until 3 h from now; the exchange starts a day from now.
    const end = clockIn(3 * HOUR);
    const coordinator = await quietPerson(late, clockIn(-HOUR), end, { roles: ['coordinator', 'participant'] });
    const awake = await createPerson(world.stack, late, { roles: ['coordinator'] });
    const senior = await quietPerson(late, clockIn(-HOUR), end, { level: 'senior' });
    const lead = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, {
        organizations: [world.cast.un, late],
        startsAt: inSeconds(86_400),
        participantIds: [senior.id],
        reminderOffsets: [],
        confirmationDeadline: `PT${86_400 - lead}S`,
        escalateAfter: `PT${lead}S`,
      }),
    );
    const id = exchange.id as string;
    // The deadline is `lead` seconds from now and the escalation `lead` after it, where `lead` grows
    // with the machine's planning time: each wait counts from the time its stage is due.
    const deadline = Date.parse(exchange.startsAt as string) - (86_400 - lead) * 1000;
    await waitFor(
      'the awake coordinator reminded at once',
      async () => (await inboxOf(world.stack, awake)).filter((n) => n.exchangeId === id),
      (items) => items.length === 1,
      deadline - Date.now() + WAIT_MS,
    );
    // Written in the stage's transaction, then handed to the queue after its commit: wait for both.
    const escalations = await waitFor(
      'the escalation planned and queued',
      () => rowsOf(id, senior, 'escalation'),
      (items) => items.length === 2 && items.every((r) => r.status === 'queued'),
      deadline + lead * 1000 - Date.now() + WAIT_MS,
    );
    const confirmations = await rowsOf(id, coordinator, 'confirmation');
    expect(confirmations).toHaveLength(2);
    for (const row of [...confirmations, ...escalations]) {
      expect(row).toMatchObject({ status: 'queued', dueAt: new Date(nextAt(end)).toISOString() });
    }
    expect((await inboxOf(world.stack, coordinator)).filter((n) => n.exchangeId === id)).toEqual([]);
    expect((await inboxOf(world.stack, senior)).filter((n) => n.exchangeId === id)).toEqual([]);
  });
});
