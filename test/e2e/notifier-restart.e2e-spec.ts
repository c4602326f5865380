import { eventually, inSeconds } from '../support/fixtures';
import { createExchange, exchangeBody, inboxOf, remindersOf, useStack } from '../support/exchanges';

/** Reminders wait in Redis while no notifier runs; restarts lose none and send none twice. */
describe('restarting the notifier while reminders are queued', () => {
  const world = useStack(3);

  it('delivers every queued reminder exactly once after the notifier comes back', async () => {
    await world.stack.stopNotifier();
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody({
        startsAt: inSeconds(14),
        participantIds: world.cast.participants.map((p) => p.id),
        reminderOffsets: ['PT9S', 'PT7S'],
      }),
    );
    const expected = 2 * world.cast.participants.length * 2;

    // With no notifier, the timers still fire: every reminder is queued in Redis, none sent.
    const queued = await eventually(
      async () => {
        const rows = await remindersOf(world.stack, world.cast.unCoordinator, exchange.id);
        return rows.length === expected && rows.every((r) => r.status === 'queued') ? rows : undefined;
      },
      20_000,
      'every reminder queued',
    );
    expect(queued.every((r) => r.sentAt === null)).toBe(true);
    expect(world.stack.smtp.messages).toHaveLength(0);

    // Start, let some be delivered, stop gracefully in the middle, start again.
    await world.stack.startNotifier();
    await eventually(
      async () =>
        (await remindersOf(world.stack, world.cast.unCoordinator, exchange.id)).some((r) => r.status === 'sent') ? true : undefined,
      10_000,
      'a first delivery',
    );
    await world.stack.stopNotifier();
    await world.stack.startNotifier();

    const rows = await eventually(
      async () => {
        const current = await remindersOf(world.stack, world.cast.unCoordinator, exchange.id);
        return current.every((r) => r.status === 'sent') ? current : undefined;
      },
      20_000,
      'every reminder sent',
    );
    expect(rows).toHaveLength(expected);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);

    for (const person of world.cast.participants) {
      const inbox = (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id);
      expect(inbox).toHaveLength(2);
      const mails = world.stack.smtp.to(person.email);
      expect(mails).toHaveLength(2);
      expect(new Set(mails.map((m) => m.mail.messageId)).size).toBe(2);
    }
    expect(world.stack.smtp.messages).toHaveLength(expected / 2);
  });
});
