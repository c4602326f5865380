import { DataSource } from 'typeorm';
import { icsOfMail, parseCalendar } from '../support/ics';
import { inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { act, createExchange, exchangeBody, inboxOf, planningLeadMs, plannedInTime, remindersOf, useStack } from '../support/exchanges';
import { jobsDone, reminderQueue } from '../support/reminder-jobs';
import { answered } from '../support/typed-client';

/** The fields of a reminder row as the API shows it to a coordinator. */
const REMINDER_FIELDS = [
  'attempts',
  'channel',
  'dueAt',
  'id',
  'key',
  'kind',
  'lastError',
  'offset',
  'personId',
  'revision',
  'sentAt',
  'status',
];

/**
 * The whole path of a reminder: API → Temporal timer → activity → Postgres row + BullMQ job →
 * notifier → in-app inbox and SMTP: each reminder sent once, and not before its due time. (How
 * late it is belongs to bench/, not here.)
 */
describe('reminder delivery, end to end', () => {
  const world = useStack(2);
  /** A reminder due this far ahead is planned before it falls due on this machine (see planningLeadMs). */
  let leadSeconds: number;
  beforeAll(async () => {
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });

  /** The reminders of an exchange, once `accept` holds for them. */
  const remindersWhen = (
    what: string,
    coordinator: TestPerson,
    exchangeId: string,
    accept: (rows: Array<Record<string, any>>) => boolean,
  ) => waitFor(what, () => remindersOf(world.stack, coordinator, exchangeId), accept);

  it('delivers every reminder once, after its due time, in the inbox and by e-mail with an .ics', async () => {
    // Due `leadSeconds` and `leadSeconds + 10` from now.
    const startsAt = inSeconds(leadSeconds + 20);
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt, participantIds: world.cast.participants.map((p) => p.id), reminderOffsets: ['PT20S', 'PT10S'] }),
    );
    expect(exchange.status).toBe('scheduled');
    expect(exchange.startsAt).toMatch(/[+-]\d{2}:\d{2}$/);

    // The workflow plans the reminder rows right after the start: 2 offsets × 2 people × (in-app + e-mail).
    const planned = await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id, 8);
    expect(planned).toHaveLength(8);
    // Queued (as delayed jobs) up to REMINDER_QUEUE_AHEAD before they are due; never sent early.
    expect(planned.filter((r) => !['scheduled', 'queued'].includes(r.status))).toEqual([]);

    const rows = await remindersWhen('every reminder sent', world.cast.unCoordinator, exchange.id, (current) =>
      current.every((r) => r.status === 'sent'),
    );
    expect(rows).toHaveLength(8);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(REMINDER_FIELDS);
      // Sent, once, after its due time.
      expect(Date.parse(row.sentAt)).toBeGreaterThanOrEqual(Date.parse(row.dueAt));
      expect(row.attempts).toBe(1);
      expect(row.lastError).toBeNull();
    }
    expect(new Set(rows.map((r) => r.key)).size).toBe(8);
    expect(rows.map((r) => r.dueAt).sort()).toEqual([
      ...Array(4).fill(new Date(Date.parse(startsAt) - 20_000).toISOString()),
      ...Array(4).fill(new Date(Date.parse(startsAt) - 10_000).toISOString()),
    ]);

    for (const person of world.cast.participants) {
      const own = rows.filter((r) => r.personId === person.id);
      // One inbox entry per in-app reminder, delivered after its due time.
      const inbox = (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id);
      expect(inbox.map((n) => n.dueAt).sort()).toEqual(
        own
          .filter((r) => r.channel === 'inapp')
          .map((r) => r.dueAt)
          .sort(),
      );
      for (const notification of inbox) {
        expect(Date.parse(notification.deliveredAt)).toBeGreaterThanOrEqual(Date.parse(notification.dueAt));
        expect(notification.title).toBe(`Reminder: ${exchange.title}`);
        expect(notification.readAt).toBeNull();
      }

      // One mail per e-mail reminder (its key in the header), received after its due time.
      const mails = world.stack.smtp.to(person.email);
      const emailRows = own.filter((r) => r.channel === 'email');
      expect(mails.map((m) => m.mail.headers.get('x-liaison-reminder')).sort()).toEqual(emailRows.map((r) => r.key).sort());
      for (const mail of mails) {
        const row = emailRows.find((r) => r.key === mail.mail.headers.get('x-liaison-reminder'))!;
        expect(mail.receivedAt.getTime()).toBeGreaterThanOrEqual(Date.parse(row.dueAt));
        expect(mail.mail.subject).toBe(`Reminder: ${exchange.title}`);
        const calendar = parseCalendar(icsOfMail(mail.raw));
        expect(calendar.method).toBe('REQUEST');
        expect(calendar.events).toHaveLength(1);
        const event = calendar.events[0];
        expect(event.startDate.zone?.tzid).toBe('Europe/Brussels');
        expect(event.uid).toBe(`exchange-${exchange.id}@liaison`);
        expect(event.startDate.toJSDate().toISOString()).toBe(new Date(startsAt).toISOString());
        expect(event.endDate.toJSDate().getTime() - event.startDate.toJSDate().getTime()).toBe(60 * 60_000);
        expect(event.summary).toBe(exchange.title);
      }
    }
  });

  it('queues reminders ahead as delayed jobs, and a cancel or a move inside that lead still wins', async () => {
    const coordinator = world.cast.unCoordinator;
    const participantIds = world.cast.participants.map((p) => p.id);
    // Due `leadSeconds` from now, inside the default one-minute lead: queued at once, delivered at the due time.
    const startsAt = inSeconds(leadSeconds + 20);
    const [cancelled, moved] = await Promise.all(
      ['cancelled', 'moved'].map(() =>
        createExchange(world.stack, coordinator, exchangeBody(world.cast, { startsAt, participantIds, reminderOffsets: ['PT20S'] })),
      ),
    );
    const stale: Array<Record<string, any>> = [];
    for (const exchange of [cancelled, moved]) {
      await plannedInTime(world.stack, coordinator, exchange.id, 4);
      const queued = await remindersWhen('four reminders queued ahead of their due time', coordinator, exchange.id, (rows) =>
        rows.every((r) => r.status === 'queued'),
      );
      expect(queued).toHaveLength(4);
      expect(await Promise.all(queued.map((r) => reminderQueue(world.stack).getJobState(r.key)))).toEqual([
        'delayed',
        'delayed',
        'delayed',
        'delayed',
      ]);
      stale.push(...queued);
    }

    await answered('cancel', 200, act(world.stack, coordinator, cancelled.id, 'cancel', { reason: 'postponed' }));
    // Moved 5 s later: its new reminders fall due after the old ones.
    const newStart = new Date(Date.parse(startsAt) + 5000).toISOString();
    await answered('reschedule', 200, act(world.stack, coordinator, moved.id, 'reschedule', { startsAt: newStart, reason: 'clash' }));

    const movedRows = await remindersWhen(
      'the moved exchange’s new reminders sent',
      coordinator,
      moved.id,
      (rows) => rows.filter((r) => r.key.includes('.r2.') && r.status === 'sent').length === 4,
    );
    expect(movedRows).toHaveLength(8);
    const newRevision = movedRows.filter((r) => r.key.includes('.r2.'));
    expect(newRevision.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    for (const row of newRevision) {
      expect(row.dueAt).toBe(new Date(Date.parse(newStart) - 20_000).toISOString());
      expect(Date.parse(row.sentAt)).toBeGreaterThanOrEqual(Date.parse(row.dueAt));
    }
    // The delayed jobs of the cancelled exchange and of the old schedule ran at their due time, and
    // found their rows settled: nothing was sent for them.
    expect(await jobsDone(world.stack, stale)).toEqual(Array(8).fill('completed/already-done'));
    const settled = [
      ...(await remindersOf(world.stack, coordinator, cancelled.id)),
      ...(await remindersOf(world.stack, coordinator, moved.id)).filter((r) => r.key.includes('.r1.')),
    ];
    expect(settled.map((r) => [r.status, r.sentAt])).toEqual(Array(8).fill(['cancelled', null]));

    // Nothing of the cancelled exchange or of the old schedule reached an inbox or a mailbox.
    const [{ count }] = await world.stack.api
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM notifications WHERE reminder_id = ANY($1)`, [settled.map((r) => r.id)]);
    expect(count).toBe(0);
    for (const person of world.cast.participants) {
      const requests = world.stack.smtp
        .to(person.email)
        .filter((m) => m.raw.includes('BEGIN:VCALENDAR'))
        .map((m) => parseCalendar(icsOfMail(m.raw)))
        .filter((c) => c.method === 'REQUEST');
      expect(requests.filter((c) => c.events[0].uid === `exchange-${cancelled.id}@liaison`)).toHaveLength(0);
      // Two REQUESTs of the moved exchange, both of its new schedule (SEQUENCE 1): the calendar update sent at the
      // moment of the reschedule (docs/calendar-updates.md) and the moved reminder; none of the old schedule.
      const movedRequests = requests.filter((c) => c.events[0].uid === `exchange-${moved.id}@liaison`);
      expect(movedRequests.map((c) => c.events[0].sequence)).toEqual([1, 1]);
    }
  });
});
