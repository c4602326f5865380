import { eventually, inSeconds } from '../support/fixtures';
import { castOf, Cast, createExchange, exchangeBody, inboxOf, remindersOf } from '../support/exchanges';
import { TestStack } from '../support/stack';

/** Reminders wait in Redis while no notifier runs; restarts lose none and send none twice. */
describe('restarting the notifier while reminders are queued', () => {
  let stack: TestStack;
  let cast: Cast;

  beforeAll(async () => {
    stack = await TestStack.start();
    cast = await castOf(stack, 3);
  });
  afterAll(async () => stack.stop());

  it('delivers every queued reminder exactly once after the notifier comes back', async () => {
    await stack.stopNotifier();
    const exchange = await createExchange(
      stack,
      cast.unCoordinator,
      exchangeBody({ startsAt: inSeconds(14), participantIds: cast.participants.map((p) => p.id), reminderOffsets: ['PT9S', 'PT7S'] }),
    );
    const expected = 2 * cast.participants.length * 2;

    // With no notifier, the timers still fire: every reminder is queued in Redis, none sent.
    const queued = await eventually(
      async () => {
        const rows = await remindersOf(stack, cast.unCoordinator, exchange.id);
        return rows.length === expected && rows.every((r) => r.status === 'queued') ? rows : undefined;
      },
      20_000,
      'every reminder queued',
    );
    expect(queued.every((r) => r.sentAt === null)).toBe(true);
    expect(stack.smtp.messages).toHaveLength(0);

    // Start, let some be delivered, stop gracefully in the middle, start again.
    await stack.startNotifier();
    await eventually(
      async () => ((await remindersOf(stack, cast.unCoordinator, exchange.id)).some((r) => r.status === 'sent') ? true : undefined),
      10_000,
      'a first delivery',
    );
    await stack.stopNotifier();
    await stack.startNotifier();

    const rows = await eventually(
      async () => {
        const current = await remindersOf(stack, cast.unCoordinator, exchange.id);
        return current.every((r) => r.status === 'sent') ? current : undefined;
      },
      20_000,
      'every reminder sent',
    );
    expect(rows).toHaveLength(expected);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);

    for (const person of cast.participants) {
      const inbox = (await inboxOf(stack, person)).filter((n) => n.exchangeId === exchange.id);
      expect(inbox).toHaveLength(2);
      const mails = stack.smtp.to(person.email);
      expect(mails).toHaveLength(2);
      expect(new Set(mails.map((m) => m.mail.messageId)).size).toBe(2);
    }
    expect(stack.smtp.messages).toHaveLength(expected / 2);
  });
});
