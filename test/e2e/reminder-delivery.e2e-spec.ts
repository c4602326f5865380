import { icsOfMail, parseCalendar } from '../support/ics';
import { eventually, inSeconds } from '../support/fixtures';
import { createExchange, exchangeBody, inboxOf, remindersOf, useStack } from '../support/exchanges';

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
    expect(new Set(planned.map((r) => r.status))).toEqual(new Set(['scheduled']));

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
});
