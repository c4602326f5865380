import { eventually, inSeconds, sleep } from '../support/fixtures';
import { castOf, Cast, createExchange, exchangeBody, inboxOf, remindersOf } from '../support/exchanges';
import { TestStack } from '../support/stack';

describe('confirm, reschedule and cancel as workflow Updates', () => {
  let stack: TestStack;
  let cast: Cast;

  beforeAll(async () => {
    stack = await TestStack.start();
    cast = await castOf(stack, 1);
  });
  afterAll(async () => stack.stop());

  it('two confirmations, one per organisation, make the exchange confirmed; a third is a 409', async () => {
    const exchange = await createExchange(stack, cast.unCoordinator, exchangeBody({ startsAt: inSeconds(3600), participantIds: [] }));
    const confirm = (token: string, organization: string) =>
      stack.http().post(`/v1/exchanges/${exchange.id}/confirm`).auth(token, { type: 'bearer' }).send({ organization });

    const first = await confirm(cast.unCoordinator.token, 'UN').expect(200);
    expect(first.body.status).toBe('scheduled');
    expect(first.body.confirmations.find((c: { organization: string }) => c.organization === 'UN').confirmedAt).toEqual(expect.any(String));

    const second = await confirm(cast.natoCoordinator.token, 'NATO').expect(200);
    expect(second.body.status).toBe('confirmed');

    const third = await confirm(cast.unCoordinator.token, 'UN').expect(409);
    expect(third.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
    expect(third.body.message).toMatch(/confirm/i);

    // A coordinator cannot confirm for the other organisation.
    const other = await createExchange(stack, cast.unCoordinator, exchangeBody({ startsAt: inSeconds(3600), participantIds: [] }));
    await stack
      .http()
      .post(`/v1/exchanges/${other.id}/confirm`)
      .auth(cast.unCoordinator.token, { type: 'bearer' })
      .send({ organization: 'NATO' })
      .expect(403);

    const stored = await stack.http().get(`/v1/exchanges/${exchange.id}`).auth(cast.natoCoordinator.token, { type: 'bearer' }).expect(200);
    expect(stored.body.status).toBe('confirmed');
  });

  it('a reschedule moves the pending reminders and sends none for the old time', async () => {
    const person = cast.participants[0];
    const oldStart = inSeconds(25);
    const exchange = await createExchange(
      stack,
      cast.unCoordinator,
      exchangeBody({ startsAt: oldStart, participantIds: [person.id], reminderOffsets: ['PT15S'] }),
    );
    await eventually(
      async () => ((await remindersOf(stack, cast.unCoordinator, exchange.id)).length === 2 ? true : undefined),
      5000,
      'planned reminders',
    );

    const newStart = inSeconds(35);
    const moved = await stack
      .http()
      .post(`/v1/exchanges/${exchange.id}/reschedule`)
      .auth(cast.unCoordinator.token, { type: 'bearer' })
      .send({ startsAt: newStart, reason: 'clash' })
      .expect(200);
    expect(Date.parse(moved.body.startsAt)).toBe(Date.parse(newStart));
    expect(moved.body.scheduleRevision).toBe(2);

    // Past the old due time (start − 15 s) plus a margin: nothing may have been sent.
    await sleep(Math.max(0, Date.parse(oldStart) - 15_000 + 3000 - Date.now()));
    expect((await inboxOf(stack, person)).filter((n) => n.exchangeId === exchange.id)).toHaveLength(0);
    expect(stack.smtp.to(person.email)).toHaveLength(0);

    const rows = await eventually(
      async () => {
        const current = await remindersOf(stack, cast.unCoordinator, exchange.id);
        return current.filter((r) => r.status === 'sent').length === 2 ? current : undefined;
      },
      30_000,
      'the moved reminders sent',
    );
    const old = rows.filter((r) => r.revision === 1);
    const fresh = rows.filter((r) => r.revision === 2);
    expect(old.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
    expect(fresh.map((r) => r.status)).toEqual(['sent', 'sent']);
    for (const row of fresh) {
      expect(row.dueAt).toBe(new Date(Date.parse(newStart) - 15_000).toISOString());
      expect(Date.parse(row.sentAt) - Date.parse(row.dueAt)).toBeLessThan(2000);
    }
    expect((await inboxOf(stack, person)).filter((n) => n.exchangeId === exchange.id)).toHaveLength(1);
    expect(stack.smtp.to(person.email)).toHaveLength(1);
  });

  it('a cancel leaves no reminder sent after it, and a second cancel is a 409', async () => {
    const person = cast.participants[0];
    const before = stack.smtp.to(person.email).length;
    const startsAt = inSeconds(15);
    const exchange = await createExchange(
      stack,
      cast.natoCoordinator,
      exchangeBody({ startsAt, participantIds: [person.id], reminderOffsets: ['PT10S', 'PT5S'] }),
    );
    await eventually(
      async () => ((await remindersOf(stack, cast.natoCoordinator, exchange.id)).length === 4 ? true : undefined),
      5000,
      'planned reminders',
    );

    const cancelled = await stack
      .http()
      .post(`/v1/exchanges/${exchange.id}/cancel`)
      .auth(cast.natoCoordinator.token, { type: 'bearer' })
      .send({ reason: 'postponed' })
      .expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.cancelReason).toBe('postponed');

    await sleep(Math.max(0, Date.parse(startsAt) - 5000 + 3000 - Date.now()));
    const rows = await remindersOf(stack, cast.natoCoordinator, exchange.id);
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    expect((await inboxOf(stack, person)).filter((n) => n.exchangeId === exchange.id)).toHaveLength(0);
    expect(stack.smtp.to(person.email)).toHaveLength(before);

    const again = await stack
      .http()
      .post(`/v1/exchanges/${exchange.id}/cancel`)
      .auth(cast.natoCoordinator.token, { type: 'bearer' })
      .send({ reason: 'twice' })
      .expect(409);
    expect(again.body.message).toMatch(/cancelled/);
    await stack
      .http()
      .post(`/v1/exchanges/${exchange.id}/reschedule`)
      .auth(cast.natoCoordinator.token, { type: 'bearer' })
      .send({ startsAt: inSeconds(600), reason: 'revive' })
      .expect(409);
  });
});
