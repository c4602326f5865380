import { randomUUID } from 'node:crypto';
import { createPerson, ensureOrganization, eventually, inSeconds, sleep, TestPerson } from '../support/fixtures';
import { act, createExchange, exchangeBody, inboxOf, remindersOf, useStack } from '../support/exchanges';

/**
 * The confirmation deadline: coordinators of a late organisation are reminded, then its senior level is told.
 * The late side is an organisation of this file's own, so coordinators made by other suites sharing the
 * database cannot receive its reminders.
 */
describe('confirmation deadline', () => {
  const world = useStack(0);
  const late = `LATE-${randomUUID().slice(0, 6).toUpperCase()}`;
  let lateCoordinator: TestPerson;
  let senior: TestPerson;

  beforeAll(async () => {
    await ensureOrganization(world.stack, late, 'Europe/Brussels');
    lateCoordinator = await createPerson(world.stack, late, { roles: ['coordinator', 'participant'] });
    senior = await createPerson(world.stack, late, { level: 'senior', email: true });
  });

  const confirmation = (exchange: Record<string, any>, code: string) =>
    (exchange.confirmations as Array<Record<string, string | null>>).find((c) => c.organization === code)!;
  const get = async (id: string) =>
    (await world.stack.http().get(`/v1/exchanges/${id}`).auth(world.cast.unCoordinator.token, { type: 'bearer' }).expect(200))
      .body as Record<string, any>;
  const inboxKinds = async (person: TestPerson, exchangeId: string) =>
    (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchangeId).map((n) => n.kind as string);
  /** An exchange whose only timers are its confirmation deadline and escalation, both seconds away. */
  const lateExchange = (startsIn: number, confirmationDeadline: string, escalateAfter: string) =>
    createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody({
        organizations: ['UN', late],
        startsAt: inSeconds(startsIn),
        participantIds: [senior.id],
        reminderOffsets: [],
        confirmationDeadline,
        escalateAfter,
      }),
    );

  it('reminds the late organisation’s coordinators, then escalates to its senior level, through a worker restart', async () => {
    const exchange = await lateExchange(40, 'PT30S', 'PT8S');
    expect(exchange).toMatchObject({ confirmationDeadline: 'PT30S', escalateAfter: 'PT8S' });
    await act(world.stack, world.cast.unCoordinator, exchange.id, 'confirm', { organization: 'UN' }).expect(200);

    const reminded = await eventually(
      async () => ((await inboxKinds(lateCoordinator, exchange.id)).includes('exchange.confirmation') ? true : undefined),
      20_000,
      'the late coordinator reminded',
    );
    expect(reminded).toBe(true);
    expect(await inboxKinds(world.cast.unCoordinator, exchange.id)).toEqual([]);
    expect(await inboxKinds(senior, exchange.id)).toEqual([]);
    const afterReminder = await get(exchange.id);
    expect(confirmation(afterReminder, late).remindedAt).toEqual(expect.any(String));
    expect(confirmation(afterReminder, late).escalatedAt).toBeNull();
    expect(confirmation(afterReminder, 'UN').remindedAt).toBeNull();

    // The worker goes down between the reminder and the escalation; the escalation still comes, once.
    await world.stack.stopWorker();
    await sleep(2000);
    await world.stack.startWorker();

    await eventually(
      async () => ((await inboxKinds(senior, exchange.id)).includes('exchange.escalation') ? true : undefined),
      20_000,
      'the escalation',
    );
    const mail = await eventually(
      async () => world.stack.smtp.to(senior.email).find((m) => m.mail.subject?.startsWith('Escalation')),
      10_000,
      'the escalation e-mail',
    );
    expect(mail.mail.text).toContain(`${late} has still not confirmed`);
    const rows = await remindersOf(world.stack, world.cast.unCoordinator, exchange.id);
    expect(rows.filter((r) => r.kind === 'confirmation').map((r) => r.personId)).toEqual([lateCoordinator.id]);
    expect(
      rows
        .filter((r) => r.kind === 'escalation')
        .map((r) => `${r.personId}/${r.channel}`)
        .sort(),
    ).toEqual([`${senior.id}/email`, `${senior.id}/inapp`]);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);

    // A confirmation after the escalation clears it: the exchange is confirmed.
    const confirmed = await act(world.stack, lateCoordinator, exchange.id, 'confirm', { organization: late }).expect(200);
    expect(confirmed.body.status).toBe('confirmed');
    expect(confirmation(confirmed.body, late)).toMatchObject({ confirmedAt: expect.any(String), escalatedAt: expect.any(String) });
  });

  it('sends no escalation once the late organisation confirms after its reminder', async () => {
    const exchange = await lateExchange(30, 'PT22S', 'PT10S');
    await act(world.stack, world.cast.unCoordinator, exchange.id, 'confirm', { organization: 'UN' }).expect(200);
    await eventually(
      async () => ((await inboxKinds(lateCoordinator, exchange.id)).includes('exchange.confirmation') ? true : undefined),
      20_000,
      'the reminder',
    );
    await act(world.stack, lateCoordinator, exchange.id, 'confirm', { organization: late }).expect(200);
    // Past the escalation time (deadline + 10 s) with a margin.
    await sleep(Math.max(0, Date.parse(exchange.startsAt as string) - 22_000 + 10_000 + 3000 - Date.now()));
    expect(await inboxKinds(senior, exchange.id)).toEqual([]);
    const rows = await remindersOf(world.stack, world.cast.unCoordinator, exchange.id);
    expect(rows.filter((r) => r.kind === 'escalation')).toEqual([]);
    const final = await get(exchange.id);
    expect(final.status).toBe('confirmed');
    expect(confirmation(final, late)).toMatchObject({
      remindedAt: expect.any(String),
      escalatedAt: null,
      confirmedAt: expect.any(String),
    });
  });

  it('refuses a malformed deadline with a 400 naming it', async () => {
    const res = await world.stack
      .http()
      .post('/v1/exchanges')
      .auth(world.cast.unCoordinator.token, { type: 'bearer' })
      .send(exchangeBody({ startsAt: inSeconds(3600), participantIds: [], confirmationDeadline: 'seven days' }))
      .expect(400);
    expect(res.body.message).toContain('confirmationDeadline');
  });
});
