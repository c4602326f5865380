import { createPerson, eventually, inSeconds, sleep, TestPerson } from '../support/fixtures';
import {
  act,
  auditOf,
  createExchange,
  exchangeBody,
  exchangeOf,
  inboxOf,
  remindersOf,
  statusReached,
  useStack,
} from '../support/exchanges';

/**
 * Joint minutes, once an exchange is held: versions, approval by each side, closing; the minutes
 * deadline; and the held and closed rows of the transition table. The exchanges here last one
 * minute and start seconds after they are made, so they are held about a minute into the file.
 */
describe('minutes', () => {
  const world = useStack(0);
  const http = () => world.stack.http();
  const un = () => world.cast.unCoordinator;
  const nato = () => world.cast.natoCoordinator;
  let senior: TestPerson;
  let agreed: Record<string, any>;
  let late: Record<string, any>;

  const draft = (person: TestPerson, id: string, body: object) =>
    http().put(`/v1/exchanges/${id}/minutes`).auth(person.token, { type: 'bearer' }).send(body);
  const approve = (person: TestPerson, id: string, organization: string, version: number) =>
    http().post(`/v1/exchanges/${id}/minutes/approve`).auth(person.token, { type: 'bearer' }).send({ organization, version });

  beforeAll(async () => {
    senior = await createPerson(world.stack, 'UN', { level: 'senior', email: true });
    const oneMinute = (overrides: object) =>
      createExchange(world.stack, un(), exchangeBody({ startsAt: inSeconds(4), durationMinutes: 1, reminderOffsets: [], ...overrides }));
    agreed = await oneMinute({ participantIds: [] });
    late = await oneMinute({ participantIds: [senior.id], minutesDue: 'PT4S', escalateAfter: 'PT8S' });
    // Before it is held, there is nothing to minute.
    const early = await draft(un(), agreed.id, { text: 'Too early' }).expect(409);
    expect(early.body.message).toContain('the exchange is scheduled');
    await statusReached(world.stack, un(), agreed.id, 'held', 100_000);
    await statusReached(world.stack, un(), late.id, 'held', 20_000);
  });

  it('closes the exchange once both sides approve the current version, refuses a stale one, through a worker restart', async () => {
    const first = await draft(un(), agreed.id, { text: 'Version one' }).expect(200);
    expect(first.body).toMatchObject({ status: 'draft', version: 1, text: 'Version one', approvals: [], awaiting: ['NATO', 'UN'] });
    await approve(nato(), agreed.id, 'NATO', 1).expect(200);

    const second = await draft(nato(), agreed.id, { text: 'Version two', baseVersion: 1 }).expect(200);
    expect(second.body).toMatchObject({ version: 2, approvals: [], awaiting: ['NATO', 'UN'] });
    const stale = await approve(un(), agreed.id, 'UN', 1).expect(409);
    expect(stale.body.message).toContain('version 1 is not the current version 2 of the minutes; the exchange is held');
    const staleBase = await draft(un(), agreed.id, { text: 'From an old copy', baseVersion: 1 }).expect(409);
    expect(staleBase.body.message).toContain('baseVersion 1 is not the current version 2');
    await approve(un(), agreed.id, 'NATO', 2).expect(403);

    // The worker goes down between the approvals; the second one still closes the exchange.
    await approve(nato(), agreed.id, 'NATO', 2).expect(200);
    await world.stack.stopWorker();
    await sleep(1500);
    await world.stack.startWorker();
    await approve(nato(), agreed.id, 'NATO', 2).expect(409);
    const locked = await approve(un(), agreed.id, 'UN', 2).expect(200);
    expect(locked.body).toMatchObject({ status: 'locked', version: 2, text: 'Version two', awaiting: [], lockedAt: expect.any(String) });
    expect(locked.body.approvals.map((a: Record<string, unknown>) => a.organization)).toEqual(['NATO', 'UN']);
    expect((await exchangeOf(world.stack, un(), agreed.id)).status).toBe('closed');

    const after = await draft(un(), agreed.id, { text: 'Version three' }).expect(409);
    expect(after.body.message).toContain('the minutes are locked; the exchange is closed');
    expect(
      (await auditOf(world.stack, agreed.id))
        .filter((e) => e.action.startsWith('exchange.minutes') || e.action === 'exchange.close' || e.action === 'exchange.held')
        .map((e) => `${e.action}:${e.fromState}→${e.toState}`),
    ).toEqual([
      'exchange.held:scheduled→held',
      'exchange.minutes.draft:held→held',
      'exchange.minutes.approve:held→held',
      'exchange.minutes.draft:held→held',
      'exchange.minutes.approve:held→held',
      'exchange.minutes.approve:held→closed',
      'exchange.close:held→closed',
    ]);
  });

  it('reminds the host’s coordinators when no minutes are drafted in time, then escalates, through a worker restart', async () => {
    await eventually(
      async () =>
        (await inboxOf(world.stack, un())).some((n) => n.exchangeId === late.id && n.kind === 'exchange.minutes') ? true : undefined,
      20_000,
      'the minutes reminder',
    );
    expect((await inboxOf(world.stack, senior)).filter((n) => n.exchangeId === late.id)).toEqual([]);
    await world.stack.stopWorker();
    await sleep(1500);
    await world.stack.startWorker();
    await eventually(
      async () =>
        (await inboxOf(world.stack, senior)).some((n) => n.exchangeId === late.id && n.kind === 'exchange.minutes-escalation')
          ? true
          : undefined,
      20_000,
      'the minutes escalation',
    );
    const rows = await remindersOf(world.stack, un(), late.id);
    expect(rows.filter((r) => r.kind === 'minutes').map((r) => r.personId)).toContain(un().id);
    expect(rows.filter((r) => r.kind === 'minutes').map((r) => r.personId)).not.toContain(nato().id);
    expect(
      rows
        .filter((r) => r.kind === 'minutes-escalation')
        .map((r) => `${r.personId}/${r.channel}`)
        .sort(),
    ).toEqual([`${senior.id}/email`, `${senior.id}/inapp`]);
    // Drafting after the escalation is still possible.
    await draft(un(), late.id, { text: 'Late, but here' }).expect(200);
  });

  it('refuses every transition in the held and closed states with a 409 naming the state', async () => {
    for (const [exchange, state] of [
      [late, 'held'],
      [agreed, 'closed'],
    ] as const) {
      const answers = [
        await act(world.stack, un(), exchange.id, 'confirm', { organization: 'UN' }),
        await act(world.stack, nato(), exchange.id, 'confirm', { organization: 'NATO' }),
        await act(world.stack, un(), exchange.id, 'reschedule', { startsAt: inSeconds(86_400), reason: 'table' }),
        await act(world.stack, un(), exchange.id, 'cancel', { reason: 'table' }),
      ];
      for (const res of answers) {
        expect(res.status).toBe(409);
        expect(res.body.message).toContain(`the exchange is ${state}`);
      }
    }
  });
});
