import { act, auditOf, createExchange, inboxOf, planningLeadMs, remindersOf, useStack } from '../support/exchanges';
import { createOrganization, createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { answered } from '../support/typed-client';

/**
 * The attendance check of a senior-level exchange, on the real stack: `attendanceCheck` before the
 * start, the coordinators of each organisation with no accepted senior-level participant get a
 * reminder of kind `attendance` (inbox and e-mail); an organisation whose senior participant has
 * accepted gets none, and a reminder whose organisation accepts before it is sent is dropped.
 * Attendance is set through the repository (the attendance API is its own part of the issue).
 */
describe('the attendance check', () => {
  const world = useStack(0);
  /** Organisations A and B of this file's own, each with a coordinator (e-mail on) and a senior participant. */
  let a: string;
  let b: string;
  let coordinatorA: TestPerson;
  let coordinatorB: TestPerson;
  let seniorA: TestPerson;
  let seniorB: TestPerson;
  /** How far ahead the check must fall to be planned before it is due on this machine (see planningLeadMs). */
  let leadSeconds: number;

  beforeAll(async () => {
    a = await createOrganization(world.stack, 'ATT-A', 'Europe/Brussels');
    b = await createOrganization(world.stack, 'ATT-B', 'America/New_York');
    coordinatorA = await createPerson(world.stack, a, { roles: ['coordinator'], email: true });
    coordinatorB = await createPerson(world.stack, b, { roles: ['coordinator'], email: true });
    seniorA = await createPerson(world.stack, a, { level: 'senior' });
    seniorB = await createPerson(world.stack, b, { level: 'senior' });
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });

  const accept = (exchangeId: string, person: TestPerson) =>
    world.stack
      .http()
      .post(`/v1/exchanges/${exchangeId}/attendance`)
      .auth(person.token, { type: 'bearer' })
      .send({ status: 'accepted' })
      .expect(200);

  /**
   * A senior exchange between A and B whose attendance check falls `leadSeconds` from now (or
   * `checkInSeconds`); nothing else is due before it.
   */
  async function seniorExchange(checkInSeconds = leadSeconds): Promise<Record<string, any>> {
    const checkSeconds = 3600;
    const exchange = await createExchange(world.stack, coordinatorA, {
      title: `Principals' meeting ${Date.now()}`,
      level: 'senior',
      areas: ['POC'],
      organizations: [a, b],
      hostOrganization: a,
      startsAt: inSeconds(checkInSeconds + checkSeconds),
      durationMinutes: 60,
      timezone: 'Europe/Brussels',
      participantIds: [seniorA.id, seniorB.id],
      reminderOffsets: [],
      attendanceCheck: `PT${checkSeconds}S`,
    });
    expect(exchange).toMatchObject({ level: 'senior', attendanceCheck: `PT${checkSeconds}S` });
    return exchange;
  }

  const attendanceRows = async (exchangeId: string, viewer: TestPerson) =>
    (await remindersOf(world.stack, viewer, exchangeId)).filter((r) => r.kind === 'attendance');
  const attendanceInbox = async (person: TestPerson, exchangeId: string) =>
    (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchangeId && n.kind === 'exchange.attendance');

  it('reminds the coordinators of an organisation without an accepted senior participant, and only them', async () => {
    const exchange = await seniorExchange();
    const id = exchange.id as string;
    await accept(id, seniorA);

    const [entry] = await waitFor(
      'B’s coordinator reminded',
      () => attendanceInbox(coordinatorB, id),
      (items) => items.length > 0,
    );
    expect(entry.title).toContain('Attendance not settled');
    expect(entry.body).toContain(`No senior participant of ${b} has accepted this exchange yet`);
    const mails = await waitFor(
      'the attendance e-mail to B’s coordinator',
      async () =>
        world.stack.smtp.to(coordinatorB.email).filter((m) => m.mail.subject === `Attendance not settled: ${exchange.title as string}`),
      (found) => found.length > 0,
    );
    expect(mails).toHaveLength(1);

    // The stage's rows are written in one transaction: B's coordinator's, and none for A.
    const rows = await attendanceRows(id, coordinatorA);
    expect(rows.map((r) => [r.personId, r.channel]).sort()).toEqual(
      [
        [coordinatorB.id, 'email'],
        [coordinatorB.id, 'inapp'],
      ].sort(),
    );
    expect(rows.every((r) => r.offset === 'PT3600S' && r.revision === 1)).toBe(true);
    expect(await attendanceInbox(coordinatorA, id)).toEqual([]);
    expect(world.stack.smtp.to(coordinatorA.email).filter((m) => m.mail.subject?.startsWith('Attendance not settled'))).toEqual([]);
    expect((await auditOf(world.stack, id)).filter((e) => e.action === 'exchange.attendance.remind')).toHaveLength(1);
  });

  it('drops the reminder when the organisation’s senior participant accepts before it is sent', async () => {
    // No notifier while the check runs: its reminders wait in the queue until B has accepted.
    await world.stack.stopNotifier();
    let id: string;
    try {
      id = (await seniorExchange()).id as string;
      await waitFor(
        'the check’s reminders queued for both organisations',
        () => attendanceRows(id, coordinatorB),
        (rows) => rows.length === 4 && rows.every((r) => r.status === 'queued'),
      );
      await accept(id, seniorB);
    } finally {
      await world.stack.startNotifier();
    }
    // Each coordinator reads their own organisation's delivery errors.
    const settled = async (coordinator: TestPerson) =>
      (
        await waitFor(
          'every attendance reminder settled',
          () => attendanceRows(id, coordinator),
          (rows) => rows.length === 4 && rows.every((r) => r.status !== 'queued'),
        )
      ).filter((r) => r.personId === coordinator.id);
    const ofB = await settled(coordinatorB);
    expect(ofB).toHaveLength(2);
    for (const row of ofB) expect(row).toMatchObject({ status: 'cancelled', lastError: 'senior participant accepted meanwhile' });
    const ofA = await settled(coordinatorA);
    expect(ofA).toHaveLength(2);
    for (const row of ofA) expect(row).toMatchObject({ status: 'sent' });
    expect(await attendanceInbox(coordinatorB, id)).toEqual([]);
  });

  it('checks again for the new start after a reschedule, once per schedule revision', async () => {
    // The first revision's check is an hour away; the move brings the new one to `leadSeconds` from now.
    const exchange = await seniorExchange(3600);
    const id = exchange.id as string;
    await answered(
      'reschedule',
      200,
      act(world.stack, coordinatorA, id, 'reschedule', { startsAt: inSeconds(leadSeconds + 3600), reason: 'earlier' }),
    );
    await waitFor(
      'B’s coordinator reminded for the new start',
      () => attendanceInbox(coordinatorB, id),
      (items) => items.length > 0,
    );
    const rows = await attendanceRows(id, coordinatorB);
    expect(rows.map((r) => r.revision)).toEqual([2, 2, 2, 2]);
  });
});
