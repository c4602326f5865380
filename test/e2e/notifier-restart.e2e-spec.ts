import { inSeconds, waitFor } from '../support/fixtures';
import { createExchange, exchangeBody, inboxOf, planningLeadMs, plannedInTime, remindersOf, useStack } from '../support/exchanges';

/** Reminders wait in Redis while no notifier runs; restarts lose none and send none twice. */
describe('restarting the notifier while reminders are queued', () => {
  const world = useStack(3);
  /** A reminder due this far ahead is planned before it falls due on this machine (see planningLeadMs). */
  let leadSeconds: number;
  beforeAll(async () => {
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });

  it('delivers every queued reminder exactly once, after its due time, after the notifier comes back', async () => {
    await world.stack.stopNotifier();
    // Two reminders each, due `leadSeconds` and `leadSeconds + 2` from now.
    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, {
        startsAt: inSeconds(leadSeconds + 9),
        participantIds: world.cast.participants.map((p) => p.id),
        reminderOffsets: ['PT9S', 'PT7S'],
      }),
    );
    // Two offsets × three people × (in-app + e-mail).
    const expected = 2 * world.cast.participants.length * 2;
    await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id, expected);

    // With no notifier, the timers still fire: every reminder is queued in Redis, none sent.
    const queued = await waitFor(
      'every reminder queued',
      () => remindersOf(world.stack, world.cast.unCoordinator, exchange.id),
      (rows) => rows.length === expected && rows.every((r) => r.status === 'queued'),
    );
    expect(queued.map((r) => r.sentAt)).toEqual(Array(expected).fill(null));
    expect(world.stack.smtp.messages).toHaveLength(0);

    // Start, let some be delivered, stop gracefully in the middle, start again.
    await world.stack.startNotifier();
    await waitFor(
      'a first delivery',
      () => remindersOf(world.stack, world.cast.unCoordinator, exchange.id),
      (rows) => rows.some((r) => r.status === 'sent'),
    );
    await world.stack.stopNotifier();
    await world.stack.startNotifier();

    const rows = await waitFor(
      'every reminder sent',
      () => remindersOf(world.stack, world.cast.unCoordinator, exchange.id),
      (current) => current.length === expected && current.every((r) => r.status === 'sent'),
    );
    // Sent once each (one attempt, one key), after its due time.
    expect(rows.map((r) => r.attempts)).toEqual(Array(expected).fill(1));
    expect(new Set(rows.map((r) => r.key)).size).toBe(expected);
    expect(rows.filter((r) => Date.parse(r.sentAt) < Date.parse(r.dueAt))).toEqual([]);

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
