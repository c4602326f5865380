import { createPerson, inSeconds, TestPerson, waitFor, WAIT_MS } from '../support/fixtures';
import {
  act,
  auditOf,
  createExchange,
  exchangeBody,
  exchangeOf,
  inboxOf,
  planningLeadMs,
  remindersOf,
  useStack,
} from '../support/exchanges';

type Res = { status: number; body: Record<string, any> };
/** A refusal as status, code and message, to compare whole. */
const refusal = (res: Res) => [res.status, res.body.code as string, res.body.message as string];

/**
 * Joint minutes, once an exchange is held: versions, approval by each side, closing; the minutes
 * deadline; and the held and closed rows of the transition table. The exchanges here last one
 * minute and start one planning lead after they are made, so they are held about a minute into the file.
 */
describe('minutes', () => {
  const world = useStack(0);
  const http = () => world.stack.http();
  const un = () => world.cast.unCoordinator;
  const nato = () => world.cast.natoCoordinator;
  let senior: TestPerson;
  let agreed: Record<string, any>;
  let late: Record<string, any>;
  /** The minutes escalation comes this long after the reminder: time to see the reminder and stop the worker. */
  let escalateAfterSeconds: number;

  const draft = (person: TestPerson, id: string, body: object) =>
    http().put(`/v1/exchanges/${id}/minutes`).auth(person.token, { type: 'bearer' }).send(body);
  const approve = (person: TestPerson, id: string, organization: string, version: number) =>
    http().post(`/v1/exchanges/${id}/minutes/approve`).auth(person.token, { type: 'bearer' }).send({ organization, version });
  const heldReached = (exchange: Record<string, any>) =>
    waitFor(
      `exchange ${exchange.id as string} held`,
      () => exchangeOf(world.stack, un(), exchange.id as string),
      (current) => current.status === 'held',
      Date.parse(exchange.endsAt as string) - Date.now() + WAIT_MS,
    );
  const inboxAbout = async (person: TestPerson, exchangeId: string) =>
    (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchangeId).map((n) => n.kind as string);

  beforeAll(async () => {
    const leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
    escalateAfterSeconds = 2 * leadSeconds;
    senior = await createPerson(world.stack, world.cast.un, { level: 'senior', email: true });
    const oneMinute = (overrides: object) =>
      createExchange(
        world.stack,
        un(),
        exchangeBody(world.cast, { startsAt: inSeconds(leadSeconds), durationMinutes: 1, reminderOffsets: [], ...overrides }),
      );
    agreed = await oneMinute({ participantIds: [] });
    late = await oneMinute({ participantIds: [senior.id], minutesDue: 'PT4S', escalateAfter: `PT${escalateAfterSeconds}S` });
    // Before it is held, there is nothing to minute.
    const early = await draft(un(), agreed.id, { text: 'Too early' });
    expect(refusal(early)).toEqual([409, 'EXCHANGE.NOT_HELD', 'minutes are for an exchange that has been held; the exchange is scheduled']);
    await heldReached(agreed);
    await heldReached(late);
  });

  it('reminds the host’s coordinators when no minutes are drafted in time, then escalates, through a worker restart', async () => {
    await waitFor(
      'the minutes reminder in the host coordinator’s inbox',
      () => inboxAbout(un(), late.id),
      (kinds) => kinds.length > 0,
    ).then((kinds) => expect(kinds).toEqual(['exchange.minutes']));
    // The worker goes down between the reminder and the escalation (which only a worker writes).
    await world.stack.stopWorker();
    const actions = (await auditOf(world.stack, late.id)).map((e) => e.action).filter((a) => a.startsWith('exchange.minutes'));
    if (actions.includes('exchange.minutes.escalate')) throw new Error('escalated before the worker went down: the schedule was too tight');
    expect(actions).toEqual(['exchange.minutes.remind']);
    expect(await inboxAbout(senior, late.id)).toEqual([]);
    await world.stack.startWorker();

    await waitFor(
      'the minutes escalation in the senior inbox',
      () => inboxAbout(senior, late.id),
      (kinds) => kinds.length > 0,
    ).then((kinds) => expect(kinds).toEqual(['exchange.minutes-escalation']));
    // The host's one coordinator (in-app only), then the host's senior-level participant (in-app and e-mail).
    const rows = await waitFor(
      'the minutes reminders sent',
      () => remindersOf(world.stack, un(), late.id),
      (current) => current.length === 3 && current.every((r) => r.status === 'sent'),
    );
    expect(rows.map((r) => `${r.kind}/${r.personId}/${r.channel}`).sort()).toEqual(
      [`minutes/${un().id}/inapp`, `minutes-escalation/${senior.id}/email`, `minutes-escalation/${senior.id}/inapp`].sort(),
    );
    expect((await auditOf(world.stack, late.id)).map((e) => e.action).filter((a) => a.startsWith('exchange.minutes'))).toEqual([
      'exchange.minutes.remind',
      'exchange.minutes.escalate',
    ]);
    // Drafting after the escalation is still possible.
    await draft(un(), late.id, { text: 'Late, but here' }).expect(200);
  });

  it('closes the exchange once both sides approve the current version, refuses a stale one, through a worker restart', async () => {
    const { un: UN, nato: NATO } = world.cast;
    const first = await draft(un(), agreed.id, { text: 'Version one' }).expect(200);
    expect(first.body).toMatchObject({ status: 'draft', version: 1, text: 'Version one', approvals: [], awaiting: [NATO, UN] });
    await approve(nato(), agreed.id, NATO, 1).expect(200);

    const second = await draft(nato(), agreed.id, { text: 'Version two', baseVersion: 1 }).expect(200);
    expect(second.body).toMatchObject({ version: 2, approvals: [], awaiting: [NATO, UN] });
    // Every version stays readable, oldest first, for a reader to compare them.
    expect(second.body.versions.map((v: Record<string, unknown>) => [v.version, v.text, v.draftedBy])).toEqual([
      [1, 'Version one', un().id],
      [2, 'Version two', nato().id],
    ]);
    const stale = await approve(un(), agreed.id, UN, 1);
    expect(refusal(stale)).toEqual([
      409,
      'MINUTES.STALE_VERSION',
      'version 1 is not the current version 2 of the minutes; the exchange is held',
    ]);
    const staleBase = await draft(un(), agreed.id, { text: 'From an old copy', baseVersion: 1 });
    expect(refusal(staleBase)).toEqual([
      409,
      'MINUTES.STALE_VERSION',
      'baseVersion 1 is not the current version 2 of the minutes; the exchange is held',
    ]);
    const forOther = await approve(un(), agreed.id, NATO, 2);
    expect([forOther.status, forOther.body.code]).toEqual([403, 'MINUTES.NOT_COORDINATOR']);

    // The worker goes down between the approvals; the second one still closes the exchange.
    await approve(nato(), agreed.id, NATO, 2).expect(200);
    await world.stack.stopWorker();
    await world.stack.startWorker();
    const twice = await approve(nato(), agreed.id, NATO, 2);
    expect(refusal(twice)).toEqual([409, 'MINUTES.ALREADY_APPROVED', `${NATO} has already approved version 2`]);
    const locked = await approve(un(), agreed.id, UN, 2).expect(200);
    expect(locked.body).toMatchObject({ status: 'locked', version: 2, text: 'Version two', awaiting: [], lockedAt: expect.any(String) });
    expect(locked.body.approvals.map((a: Record<string, unknown>) => a.organization)).toEqual([NATO, UN]);
    expect((await exchangeOf(world.stack, un(), agreed.id)).status).toBe('closed');

    const after = await draft(un(), agreed.id, { text: 'Version three' });
    expect(refusal(after)).toEqual([409, 'MINUTES.LOCKED', 'the minutes are locked; the exchange is closed']);
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

  it('refuses every transition in the held and closed states with a 409 naming the state', async () => {
    // Held: the workflow refuses. Closed: its workflow is over, and the API refuses on the row.
    for (const [exchange, message] of [
      [late, 'the exchange is held'],
      [agreed, 'the exchange is closed and no longer open to changes'],
    ] as const) {
      const answers = [
        await act(world.stack, un(), exchange.id, 'confirm', { organization: world.cast.un }),
        await act(world.stack, nato(), exchange.id, 'confirm', { organization: world.cast.nato }),
        await act(world.stack, un(), exchange.id, 'reschedule', { startsAt: inSeconds(86_400), reason: 'table' }),
        await act(world.stack, un(), exchange.id, 'cancel', { reason: 'table' }),
      ];
      expect(answers.map(({ response, error }) => [response.status, error?.code, error?.message])).toEqual(
        Array(4).fill([409, 'EXCHANGE.NOT_OPEN', message]),
      );
    }
  });
});
