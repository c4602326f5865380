import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { REMINDER_QUEUE } from '../../libs/notifications/src/queue/reminder-queue';
import { icsOfMail, parseCalendar } from '../support/ics';
import { eventually, inSeconds, sleep } from '../support/fixtures';
import { act, createExchange, exchangeBody, inboxOf, remindersOf, useStack } from '../support/exchanges';

/**
 * The whole path of a reminder: API → Temporal timer → activity → Postgres row + BullMQ job →
 * notifier → in-app inbox and SMTP, on time.
 */
describe('reminder delivery, end to end', () => {
  const world = useStack(2);

  it('delivers every reminder once, in the inbox and by e-mail with an .ics, within 2 s of its due time', async () => {
    const startsAt = inSeconds(30);
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody({ startsAt, participantIds: world.cast.participants.map((p) => p.id), reminderOffsets: ['PT20S', 'PT10S'] }),
    );
    expect(exchange.status).toBe('scheduled');
    expect(exchange.startsAt).toMatch(/[+-]\d{2}:\d{2}$/);

    // The workflow plans the reminder rows right after the start: 2 offsets × 2 people × (in-app + e-mail).
    const planned = await eventually(
      async () => {
        const rows = await remindersOf(world.stack, world.cast.unCoordinator, exchange.id);
        return rows.length === 8 ? rows : undefined;
      },
      5000,
      'eight planned reminders',
    );
    // Queued (as delayed jobs) up to REMINDER_QUEUE_AHEAD before they are due; never sent early.
    expect(planned.every((r) => ['scheduled', 'queued'].includes(r.status))).toBe(true);

    const rows = await eventually(
      async () => {
        const current = await remindersOf(world.stack, world.cast.unCoordinator, exchange.id);
        return current.every((r) => r.status === 'sent') ? current : undefined;
      },
      45_000,
      'every reminder sent',
    );

    for (const row of rows) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['id', 'key', 'personId', 'channel', 'offset', 'dueAt', 'status', 'attempts', 'sentAt', 'lastError']),
      );
      const lateness = Date.parse(row.sentAt) - Date.parse(row.dueAt);
      expect(lateness).toBeGreaterThanOrEqual(0);
      expect(lateness).toBeLessThan(2000);
      expect(row.attempts).toBe(1);
      expect(row.lastError).toBeNull();
    }
    expect(rows.map((r) => r.dueAt).sort()).toEqual([
      ...Array(4).fill(new Date(Date.parse(startsAt) - 20_000).toISOString()),
      ...Array(4).fill(new Date(Date.parse(startsAt) - 10_000).toISOString()),
    ]);

    for (const person of world.cast.participants) {
      const inbox = (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id);
      expect(inbox).toHaveLength(2);
      for (const notification of inbox) {
        expect(Date.parse(notification.deliveredAt) - Date.parse(notification.dueAt)).toBeLessThan(2000);
        expect(notification.title).toContain(exchange.title);
        expect(notification.readAt).toBeNull();
      }

      const mails = world.stack.smtp.to(person.email);
      expect(mails).toHaveLength(2);
      const dueTimes = rows.filter((r) => r.personId === person.id && r.channel === 'email').map((r) => Date.parse(r.dueAt));
      for (const [i, mail] of mails.entries()) {
        expect(mail.receivedAt.getTime() - dueTimes.sort()[i]).toBeLessThan(2000);
        expect(mail.mail.subject).toContain(exchange.title);
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
    // Due in 20 s, inside the default one-minute lead: queued at once, delivered at the due time.
    const [cancelled, moved] = await Promise.all(
      ['cancelled', 'moved'].map(() =>
        createExchange(world.stack, coordinator, exchangeBody({ startsAt: inSeconds(40), participantIds, reminderOffsets: ['PT20S'] })),
      ),
    );
    const queue = world.stack.api.get<Queue>(getQueueToken(REMINDER_QUEUE));
    for (const exchange of [cancelled, moved]) {
      const queued = await eventually(
        async () => {
          const rows = await remindersOf(world.stack, coordinator, exchange.id);
          return rows.length === 4 && rows.every((r) => r.status === 'queued') ? rows : undefined;
        },
        10_000,
        'four reminders queued ahead of their due time',
      );
      expect(Date.parse(queued[0].dueAt)).toBeGreaterThan(Date.now() + 5000);
      expect(await Promise.all(queued.map((r) => queue.getJobState(r.key)))).toEqual(['delayed', 'delayed', 'delayed', 'delayed']);
    }

    await act(world.stack, coordinator, cancelled.id, 'cancel', { reason: 'postponed' }).expect(200);
    const newStart = inSeconds(45);
    await act(world.stack, coordinator, moved.id, 'reschedule', { startsAt: newStart, reason: 'clash' }).expect(200);

    // Past every due time, old and new.
    await sleep(Math.max(0, Date.parse(newStart) - 20_000 + 3000 - Date.now()));
    const cancelledRows = await remindersOf(world.stack, coordinator, cancelled.id);
    expect(cancelledRows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    const movedRows = await eventually(
      async () => {
        const rows = await remindersOf(world.stack, coordinator, moved.id);
        return rows.filter((r) => r.status === 'sent').length === 4 ? rows : undefined;
      },
      10_000,
      'the moved exchange’s new reminders sent',
    );
    const [oldRevision, newRevision] = [movedRows.filter((r) => r.key.includes('.r1.')), movedRows.filter((r) => r.key.includes('.r2.'))];
    expect(oldRevision.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    for (const row of newRevision) {
      expect(row.dueAt).toBe(new Date(Date.parse(newStart) - 20_000).toISOString());
      expect(Date.parse(row.sentAt) - Date.parse(row.dueAt)).toBeGreaterThanOrEqual(0);
      expect(Date.parse(row.sentAt) - Date.parse(row.dueAt)).toBeLessThan(2000);
    }

    // Nothing of the cancelled exchange or of the old schedule reached an inbox or a mailbox.
    const stale = [...cancelledRows, ...oldRevision].map((r) => r.id);
    const [{ count }] = await world.stack.api
      .get(DataSource)
      .query(`SELECT count(*)::int AS count FROM notifications WHERE reminder_id = ANY($1)`, [stale]);
    expect(count).toBe(0);
    for (const person of world.cast.participants) {
      const requests = world.stack.smtp
        .to(person.email)
        .filter((m) => m.raw.includes('BEGIN:VCALENDAR'))
        .map((m) => parseCalendar(icsOfMail(m.raw)))
        .filter((c) => c.method === 'REQUEST');
      expect(requests.filter((c) => c.events[0].uid === `exchange-${cancelled.id}@liaison`)).toHaveLength(0);
      expect(requests.filter((c) => c.events[0].uid === `exchange-${moved.id}@liaison`)).toHaveLength(1);
    }
  });
});
