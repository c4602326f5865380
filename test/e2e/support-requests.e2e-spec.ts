import type { Client } from '@temporalio/client';
import { Duration } from 'luxon';
import { DataSource as DataSourceToken } from 'typeorm';
import { supportRequestWorkflowId, type SupportStep } from '../../libs/domain/src';
import { TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { inSeconds, TestPerson, waitFor, WAIT_MS } from '../support/fixtures';
import { auditOf, createExchange, exchangeBody, inboxOf, useStack } from '../support/exchanges';
import {
  deadlineOf,
  requestBody,
  requestOf,
  step,
  StepBody,
  submit,
  supportCast,
  SupportCast,
  timelineReached,
} from '../support/support-requests';
import { answered, CreateSupportRequestBody } from '../support/typed-client';

/** Service levels shortened to seconds; the test organisations work every day, so they hold on any day of the week. */
const SERVICE_LEVELS = {
  SUPPORT_ACKNOWLEDGE_WITHIN: 'routine=PT6S,priority=PT5S,urgent=PT3S',
  SUPPORT_DECIDE_WITHIN: 'routine=PT30S,priority=PT20S,urgent=PT8S',
  SUPPORT_REMIND_BEFORE: 'routine=PT3S,priority=PT2S,urgent=PT1S',
  SUPPORT_ESCALATE_AFTER: 'routine=PT3S,priority=PT3S,urgent=PT2S',
  SUPPORT_AUTO_CLOSE_AFTER: 'PT4S',
};
/** SUPPORT_REMIND_BEFORE and SUPPORT_ESCALATE_AFTER of a routine request, in milliseconds. */
const ROUTINE_REMIND_BEFORE_MS = 3000;
/** SUPPORT_REMIND_BEFORE and SUPPORT_ESCALATE_AFTER of a priority request, in milliseconds. */
const PRIORITY_REMIND_BEFORE_MS = 2000;
const PRIORITY_ESCALATE_AFTER_MS = 3000;

type Entry = Record<string, any>;
const ids = (items: Array<{ id: string }>) => items.map((r) => r.id);

/** A4P support requests through their workflow, on the real stack. */
describe('support requests', () => {
  const world = useStack(0, SERVICE_LEVELS);
  const stack = () => world.stack;
  /** Each test's own organisations and people: what it lists and counts is its own. */
  let cast: SupportCast;

  beforeEach(async () => {
    cast = await supportCast(world.stack);
  });

  const ok = async <S extends SupportStep>(person: TestPerson, id: string, name: S, body?: StepBody<S>): Promise<Record<string, any>> =>
    answered(name, 200, step(stack(), person, id, name, body));
  const inboxKinds = async (person: TestPerson, requestId: string) =>
    (await inboxOf(stack(), person)).filter((n) => n.supportRequestId === requestId).map((n) => n.kind as string);
  const list = async (person: TestPerson, query: string) =>
    (await stack().http().get(`/v1/support-requests?${query}`).auth(person.token, { type: 'bearer' }).expect(200)).body.items as Array<{
      id: string;
    }>;
  const timelineOf = async (id: string) => (await requestOf(stack(), cast.provider, id)).timeline as Entry[];

  it('goes the happy path to closed, with every step on the timeline and in the audit trail', async () => {
    const created = await submit(stack(), cast);
    expect(created).toMatchObject({
      status: 'submitted',
      requestingOrganization: cast.requesting,
      providingOrganization: cast.providing,
      requestingUnit: 'MINUSCA',
      a4pArea: 'SAFETY-SECURITY',
      priority: 'routine',
      submittedBy: cast.requester.id,
      links: ['https://docs.example.org/c-ied-syllabus.pdf'],
      deadlines: [{ kind: 'acknowledge', metAt: null, breached: false, paused: false, dueAt: expect.stringMatching(/\+0[12]:00$/) }],
    });
    const id = created.id as string;

    expect((await ok(cast.provider, id, 'acknowledge', { assigneeId: cast.assignee.id })).status).toBe('acknowledged');
    expect((await ok(cast.provider, id, 'request-information', { question: 'How many trainees?' })).status).toBe('information_requested');
    expect((await ok(cast.requester, id, 'provide-information', { answer: 'Twenty.' })).status).toBe('under_review');
    const recommended = await ok(cast.provider, id, 'recommend', { recommendation: 'approve', rationale: 'Within capacity.' });
    expect(recommended).toMatchObject({ status: 'recommended', recommendation: { recommendation: 'approve', by: cast.provider.id } });
    const approved = await ok(cast.providerSenior, id, 'decide', { decision: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', decision: { decision: 'approve', rationale: null, by: cast.providerSenior.id } });
    expect((await ok(cast.provider, id, 'start-delivery')).status).toBe('in_delivery');
    expect((await ok(cast.provider, id, 'deliver', { summary: 'Course held; 19 certified.' })).status).toBe('delivered');
    const message = await stack()
      .http()
      .post(`/v1/support-requests/${id}/messages`)
      .auth(cast.requester.token, { type: 'bearer' })
      .send({ body: 'Thank you.' })
      .expect(201);
    expect(message.body).toMatchObject({ kind: 'message', body: 'Thank you.', actor: { type: 'person', id: cast.requester.id } });
    const closed = await ok(cast.requester, id, 'close');

    expect(closed).toMatchObject({ status: 'closed', assigneeId: cast.assignee.id, deliverySummary: 'Course held; 19 certified.' });
    expect(deadlineOf(closed, 'acknowledge')).toMatchObject({ metAt: expect.any(String), breached: false });
    expect(deadlineOf(closed, 'decision')).toMatchObject({ metAt: expect.any(String), breached: false, paused: false });
    const timeline = closed.timeline as Array<Record<string, any>>;
    expect(timeline.map((e) => e.kind)).toEqual([
      'submit',
      'acknowledge',
      'request-information',
      'provide-information',
      'recommend',
      'decide',
      'start-delivery',
      'deliver',
      'message',
      'close',
    ]);
    expect(timeline.find((e) => e.kind === 'request-information')).toMatchObject({
      body: 'How many trainees?',
      fromStatus: 'acknowledged',
    });
    expect((await auditOf(stack(), id)).map((a) => `${a.action}:${a.fromState ?? ''}>${a.toState}`)).toEqual([
      'support-request.submit:>submitted',
      'support-request.acknowledge:submitted>acknowledged',
      'support-request.request-information:acknowledged>information_requested',
      'support-request.provide-information:information_requested>under_review',
      'support-request.recommend:under_review>recommended',
      'support-request.decide:recommended>approved',
      'support-request.start-delivery:approved>in_delivery',
      'support-request.deliver:in_delivery>delivered',
      'support-request.close:delivered>closed',
    ]);
    expect(ids(await list(cast.provider, `status=closed&organization=${cast.providing}`))).toEqual([id]);
    // Closed is final: the workflow is over, and any further step is a 409 naming the state.
    const again = await step(stack(), cast.requester, id, 'close');
    expect([again.response.status, again.error?.code, again.error?.message]).toEqual([
      409,
      'SUPPORT.WRONG_STATE',
      'cannot close: the request is closed',
    ]);
  });

  it('stops the decision clock while the requester is asked for information', async () => {
    const id = (await submit(stack(), cast)).id as string;
    const acknowledged = await ok(cast.provider, id, 'acknowledge', { assigneeId: cast.assignee.id });
    const dueBefore = Date.parse(deadlineOf(acknowledged, 'decision').dueAt as string);

    const asked = await ok(cast.provider, id, 'request-information', { question: 'Which languages?' });
    expect(deadlineOf(asked, 'decision')).toMatchObject({ paused: true, metAt: null, breached: false });
    const answered = await ok(cast.requester, id, 'provide-information', { answer: 'French and English.' });
    const dueAfter = Date.parse(deadlineOf(answered, 'decision').dueAt as string);

    expect(deadlineOf(answered, 'decision')).toMatchObject({ paused: false, metAt: null });
    // The deadline moved by exactly the time it was paused, as the request's own timeline has it
    // (the providing organisation works every day, so all of that time counts).
    const at = (kind: string) => Date.parse((answered.timeline as Entry[]).find((e) => e.kind === kind)!.at as string);
    const paused = at('provide-information') - at('request-information');
    expect(paused).toBeGreaterThan(0);
    expect(dueAfter - dueBefore).toBe(paused);
    expect(ids(await list(cast.requester, `overdue=false&organization=${cast.requesting}`))).toEqual([id]);
  });

  it('reminds before the acknowledgement deadline, tells the coordinators at the breach, then escalates to the senior level', async () => {
    const id = (await submit(stack(), cast)).id as string;
    // Nobody is assigned yet: the reminder goes to the providing coordinators; the breach too; then the senior level.
    await timelineReached(stack(), cast.provider, id, 'deadline.reminder');
    await timelineReached(stack(), cast.provider, id, 'deadline.breach');
    await timelineReached(stack(), cast.provider, id, 'deadline.escalation');
    await waitFor(
      'the escalation in the senior inbox',
      () => inboxKinds(cast.providerSenior, id),
      (kinds) => kinds.length > 0,
    ).then((kinds) => expect(kinds).toEqual(['support-request.escalation']));
    expect((await inboxKinds(cast.provider, id)).sort()).toEqual(['support-request.breach', 'support-request.reminder']);
    const [mail] = await waitFor(
      'the escalation e-mail to the senior person',
      async () => stack().smtp.to(cast.providerSenior.email),
      (mails) => mails.length > 0,
    );
    expect(mail.mail.subject).toBe(
      `Escalation: support request deadline missed: ${(await requestOf(stack(), cast.provider, id)).title as string}`,
    );
    expect(mail.mail.text).toMatch(new RegExp(`^Details: http://liaison\\.test/support-requests/${id}$`, 'm'));

    expect(ids(await list(cast.provider, `overdue=true&organization=${cast.providing}`))).toEqual([id]);

    const late = await ok(cast.provider, id, 'acknowledge', { assigneeId: cast.assignee.id });
    expect(deadlineOf(late, 'acknowledge')).toMatchObject({ metAt: expect.any(String), breached: true });
    expect(late.overdue).toBe(false);
    expect((await auditOf(stack(), id)).map((a) => a.action)).toEqual([
      'support-request.submit',
      'support-request.deadline.reminder',
      'support-request.deadline.breach',
      'support-request.deadline.escalation',
      'support-request.acknowledge',
    ]);
  });

  it('needs a rationale for a decision against the recommendation', async () => {
    const id = (await submit(stack(), cast)).id as string;
    await ok(cast.provider, id, 'acknowledge', { assigneeId: cast.assignee.id });
    await ok(cast.provider, id, 'recommend', { recommendation: 'approve', rationale: 'Fits the training plan.' });

    const bare = await step(stack(), cast.providerSenior, id, 'decide', { decision: 'decline' });
    expect([bare.response.status, bare.error?.code]).toEqual([422, 'SUPPORT.RATIONALE_REQUIRED']);
    expect(bare.error?.details).toEqual([
      { field: 'rationale', problems: ['required: the decision to decline goes against the recommendation to approve'] },
    ]);
    expect((await requestOf(stack(), cast.provider, id)).status).toBe('recommended');

    const declined = await ok(cast.providerSenior, id, 'decide', { decision: 'decline', rationale: 'No instructors free this quarter.' });
    expect(declined).toMatchObject({
      status: 'declined',
      decision: { decision: 'decline', rationale: 'No instructors free this quarter.', by: cast.providerSenior.id },
    });
    const started = await step(stack(), cast.provider, id, 'start-delivery');
    expect([started.response.status, started.error?.code]).toEqual([409, 'SUPPORT.WRONG_STATE']);
    const raised = await stack()
      .http()
      .post(`/v1/support-requests/${id}/raise`)
      .auth(cast.provider.token, { type: 'bearer' })
      .send({ exchangeId: '00000000-0000-4000-8000-000000000000' });
    expect([raised.status, raised.body.code, raised.body.message]).toEqual([
      409,
      'SUPPORT.WRONG_STATE',
      'cannot raise: the request is declined',
    ]);
  });

  it('is withdrawn by the requester, and nothing more happens to it: its decision deadline is not followed', async () => {
    // Priority requests: a decision deadline of 20 s, the shortest that leaves the withdrawal 18 s
    // before the deadline's reminder (an urgent one's would leave 7 s), and the wait for the control's
    // escalation 23 s rather than a routine request's 33 s.
    const id = (await submit(stack(), cast, { priority: 'priority' })).id as string;
    const acknowledged = await ok(cast.provider, id, 'acknowledge', { assigneeId: cast.assignee.id });
    const decisionDue = Date.parse(deadlineOf(acknowledged, 'decision').dueAt as string);
    const withdrawn = await ok(cast.requester, id, 'withdraw', { reason: 'Covered by another partner.' });
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.overdue).toBe(false);
    const withdrawal = (withdrawn.timeline as Entry[]).at(-1)!;
    expect(withdrawal).toMatchObject({ kind: 'withdraw', body: 'Covered by another partner.' });
    // The withdrawal must come before the decision deadline's reminder (18 s after the acknowledgement) for this test to mean anything.
    if (Date.parse(withdrawal.at as string) >= decisionDue - PRIORITY_REMIND_BEFORE_MS) {
      throw new Error(
        `withdrawn at ${withdrawal.at as string}, after the decision reminder was due: the machine is too slow for this test`,
      );
    }
    const refused = await step(stack(), cast.provider, id, 'recommend', { recommendation: 'approve', rationale: 'x' });
    expect([refused.response.status, refused.error?.code, refused.error?.message]).toEqual([
      409,
      'SUPPORT.WRONG_STATE',
      'cannot recommend: the request is withdrawn',
    ]);

    // A control request, acknowledged after the withdrawal: its decision deadline falls later. Once
    // its escalation is recorded, the withdrawn request's reminder, breach and escalation times have
    // all passed, and the same worker would have recorded them.
    const control = (await submit(stack(), cast, { priority: 'priority' })).id as string;
    const controlDue = Date.parse(
      deadlineOf(await ok(cast.provider, control, 'acknowledge', { assigneeId: cast.assignee.id }), 'decision').dueAt,
    );
    expect(controlDue).toBeGreaterThan(decisionDue);
    const decisionStages = (timeline: Entry[]) =>
      timeline.filter((e) => e.kind.startsWith('deadline.') && e.details.deadline === 'decision').map((e) => e.kind as string);
    await waitFor(
      "the control request's decision deadline escalated",
      async () => decisionStages(await timelineOf(control)),
      (stages) => stages.includes('deadline.escalation'),
      controlDue + PRIORITY_ESCALATE_AFTER_MS - Date.now() + WAIT_MS,
    ).then((stages) => expect(stages).toEqual(['deadline.reminder', 'deadline.breach', 'deadline.escalation']));

    // The withdrawn request: nothing came after the withdrawal, no decision reminder was written, its workflow is over.
    const timeline = await timelineOf(id);
    expect(timeline.slice(timeline.findIndex((e) => e.kind === 'withdraw') + 1)).toEqual([]);
    const audit = (await auditOf(stack(), id)).map((a) => a.action);
    expect(audit.slice(audit.indexOf('support-request.withdraw') + 1)).toEqual([]);
    const decisionReminders = await stack()
      .api.get(DataSourceToken)
      .query(`SELECT kind, status FROM reminders WHERE support_request_id = $1 AND "offset" = 'decision'`, [id]);
    expect(decisionReminders).toEqual([]);
    const client = stack().api.get<Client>(TEMPORAL_CLIENT);
    expect((await client.workflow.getHandle(supportRequestWorkflowId(id)).describe()).status.name).toBe('COMPLETED');
  });

  it("says each running deadline's working time left, on the providing organisation's calendar", async () => {
    const client = await stack().client(cast.requester.token);
    const body = requestBody(cast, { priority: 'routine' }) as CreateSupportRequestBody;
    const sentAt = Date.now();
    const created = await answered('submit', 201, client.POST('/v1/support-requests', { body }));
    const elapsed = Date.now() - sentAt;
    const [acknowledge] = created.deadlines;
    // The organisations work every day, so working time is wall-clock time: at most the routine PT6S,
    // less what the submission took (rounded down to the second).
    expect(acknowledge).toMatchObject({ kind: 'acknowledge', breached: false, workingTimeLeft: expect.stringMatching(/^PT\d+S$/) });
    const left = Duration.fromISO(acknowledge.workingTimeLeft!).as('milliseconds');
    expect(left).toBeLessThanOrEqual(6000);
    expect(left).toBeGreaterThanOrEqual(6000 - elapsed - 1000);
    const listed = await answered('list', 200, client.GET('/v1/support-requests', { params: { query: { limit: 100 } } }));
    expect(listed.items.find((r) => r.id === created.id)?.deadlines[0].workingTimeLeft).toMatch(/^PT\d+S$/);

    // Met: none left. The decision deadline's clock runs in its place.
    const acknowledged = await ok(cast.provider, created.id, 'acknowledge', { assigneeId: cast.assignee.id });
    expect(deadlineOf(acknowledged, 'acknowledge').workingTimeLeft).toBeNull();
    expect(deadlineOf(acknowledged, 'decision').workingTimeLeft).toMatch(/^PT\d+S$/);
    // Paused while the requester is asked: none either.
    const asked = await ok(cast.provider, created.id, 'request-information', { question: 'How many trainees?' });
    expect(deadlineOf(asked, 'decision')).toMatchObject({ paused: true, workingTimeLeft: null });
    // A final request's clock stands still.
    const withdrawn = await ok(cast.requester, created.id, 'withdraw', { reason: 'Covered by another partner.' });
    expect(withdrawn.deadlines.map((d: Record<string, any>) => d.workingTimeLeft)).toEqual([null, null]);
  });

  it('gives an urgent request shorter deadlines, and breaches them sooner', async () => {
    const routine = await submit(stack(), cast, { priority: 'routine' });
    const urgent = await submit(stack(), cast, { priority: 'urgent' });
    const window = (r: Record<string, any>) => Date.parse(deadlineOf(r, 'acknowledge').dueAt as string) - Date.parse(r.createdAt as string);
    expect(Math.round(window(routine) / 1000)).toBe(6);
    expect(Math.round(window(urgent) / 1000)).toBe(3);

    // Each is breached once, at or after its own due time: the urgent one's comes 3 s sooner.
    for (const request of [urgent, routine]) {
      const breach = await timelineReached(stack(), cast.provider, request.id as string, 'deadline.breach');
      const due = deadlineOf(request, 'acknowledge').dueAt as string;
      expect(breach.details).toMatchObject({ deadline: 'acknowledge', dueAt: new Date(due).toISOString() });
      expect(Date.parse(breach.at as string)).toBeGreaterThanOrEqual(Date.parse(due));
      expect((await timelineOf(request.id as string)).filter((e) => e.kind === 'deadline.breach')).toHaveLength(1);
      // Past due: no working time left, never a negative one; `breached` says it is late.
      const late = deadlineOf(await requestOf(stack(), cast.provider, request.id as string), 'acknowledge');
      expect(late).toMatchObject({ breached: true, workingTimeLeft: 'PT0S' });
    }

    const acknowledged = await ok(cast.provider, urgent.id as string, 'acknowledge', { assigneeId: cast.assignee.id });
    const decisionWindow = Date.parse(deadlineOf(acknowledged, 'decision').dueAt as string) - Date.parse(acknowledged.updatedAt as string);
    expect(Math.round(decisionWindow / 1000)).toBe(8);
    // The decision deadline's reminder goes to the assignee, 1 s before the 8 s are up.
    await waitFor(
      'the decision reminder in the assignee inbox',
      () => inboxKinds(cast.assignee, urgent.id as string),
      (kinds) => kinds.length > 0,
    ).then((kinds) => expect(kinds).toEqual(['support-request.reminder']));
    const reminder = (await requestOf(stack(), cast.provider, urgent.id as string)).timeline.filter(
      (e: Record<string, any>) => e.kind === 'deadline.reminder' && e.details.deadline === 'decision',
    );
    expect(reminder).toHaveLength(1);
    expect(reminder[0].details.recipients).toEqual([cast.assignee.id]);
  });

  it('comes out the same through a restart of the workflow worker, and closes by itself after delivery', async () => {
    const submitted = await submit(stack(), cast);
    const id = submitted.id as string;
    await stack().stopWorker();
    // The acknowledgement reminder falls due while the worker is down; it, the breach and the escalation each come once.
    const reminderDue = Date.parse(deadlineOf(submitted, 'acknowledge').dueAt as string) - ROUTINE_REMIND_BEFORE_MS;
    await waitFor(
      'the acknowledgement reminder due while the worker is down',
      async () => Date.now(),
      (now) => now > reminderDue,
    );
    await stack().startWorker();
    await timelineReached(stack(), cast.provider, id, 'deadline.escalation');
    await ok(cast.provider, id, 'acknowledge', { assigneeId: cast.assignee.id });
    await ok(cast.provider, id, 'recommend', { recommendation: 'approve', rationale: 'Within capacity.' });
    await stack().stopWorker();
    await stack().startWorker();
    await ok(cast.providerSenior, id, 'decide', { decision: 'approve' });
    await ok(cast.provider, id, 'start-delivery');
    await ok(cast.provider, id, 'deliver', { summary: 'Done.' });
    await stack().stopWorker();
    await stack().startWorker();

    const closed = await waitFor(
      'the automatic close',
      () => requestOf(stack(), cast.requester, id),
      (r) => r.status === 'closed',
    );
    const kinds = (closed.timeline as Array<{ kind: string }>).map((e) => e.kind);
    expect(kinds).toEqual([
      'submit',
      'deadline.reminder',
      'deadline.breach',
      'deadline.escalation',
      'acknowledge',
      'recommend',
      'decide',
      'start-delivery',
      'deliver',
      'close',
    ]);
    expect((closed.timeline as Array<Record<string, any>>).at(-1)).toMatchObject({
      actor: { type: 'system', id: null },
      details: { automatic: true },
    });
    const sent = await stack()
      .api.get(DataSourceToken)
      .query(`SELECT kind, count(*)::int AS n FROM reminders WHERE support_request_id = $1 GROUP BY kind ORDER BY kind`, [id]);
    // Providing coordinator (in-app + e-mail) for reminder and breach; the senior person (in-app + e-mail) for the escalation.
    expect(sent).toEqual([
      { kind: 'support-breach', n: 2 },
      { kind: 'support-escalation', n: 2 },
      { kind: 'support-reminder', n: 2 },
    ]);
  });

  it('is raised onto an exchange agenda, and shows by itself on the next senior-level exchange while overdue', async () => {
    const seniorTalks = (days: number) =>
      createExchange(
        stack(),
        cast.requester,
        exchangeBody(
          { un: cast.requesting, nato: cast.providing },
          {
            level: 'senior',
            areas: ['A4P'],
            startsAt: inSeconds(days * 86_400),
            participantIds: [],
            reminderOffsets: [],
          },
        ),
      );
    const next = await seniorTalks(2);
    const later = await seniorTalks(3);
    const agenda = async (exchangeId: string) =>
      (await stack().http().get(`/v1/exchanges/${exchangeId}/agenda`).auth(cast.requester.token, { type: 'bearer' }).expect(200)).body
        .items as Array<Record<string, any>>;

    const overdue = await submit(stack(), cast, { priority: 'urgent' });
    const hidden = await submit(stack(), cast, { priority: 'urgent', marking: 'RESTRICTED' });
    // Their urgent acknowledgement deadlines (3 s) pass: the breach is recorded at or after the due time.
    for (const request of [overdue, hidden]) await timelineReached(stack(), cast.provider, request.id as string, 'deadline.breach');
    const listed = (await agenda(next.id as string)).filter((e) => e.source === 'support-request');
    const bySubmission = [overdue.id, hidden.id] as string[];
    expect(listed.sort((a, b) => bySubmission.indexOf(a.supportRequestId) - bySubmission.indexOf(b.supportRequestId))).toEqual([
      expect.objectContaining({
        id: null,
        supportRequestId: overdue.id,
        title: `Support request: ${overdue.title as string}`,
        accepted: true,
      }),
      expect.objectContaining({
        id: null,
        supportRequestId: hidden.id,
        title: `Support request ${(hidden.id as string).slice(0, 8)} (RESTRICTED)`,
      }),
    ]);
    // The next senior-level exchange takes them; the later one does not repeat them.
    expect((await agenda(later.id as string)).filter((e) => e.source === 'support-request')).toEqual([]);

    const fresh = await submit(stack(), cast);
    const raised = await stack()
      .http()
      .post(`/v1/support-requests/${fresh.id as string}/raise`)
      .auth(cast.provider.token, { type: 'bearer' })
      .send({ exchangeId: later.id })
      .expect(201);
    expect(raised.body).toMatchObject({ kind: 'raise', details: { exchangeId: later.id } });
    // The later exchange has the raised request as its one support-request item.
    expect((await agenda(later.id as string)).filter((e) => e.source === 'support-request')).toEqual([
      expect.objectContaining({
        id: expect.any(String),
        supportRequestId: fresh.id,
        proposingOrganization: cast.providing,
        awaiting: [cast.requesting],
        title: `Support request: ${fresh.title as string}`,
      }),
    ]);
    const twice = await stack()
      .http()
      .post(`/v1/support-requests/${fresh.id as string}/raise`)
      .auth(cast.provider.token, { type: 'bearer' })
      .send({ exchangeId: later.id });
    expect([twice.status, twice.body.code]).toEqual([409, 'SUPPORT.ALREADY_RAISED']);
    const elsewhere = await stack()
      .http()
      .post(`/v1/support-requests/${fresh.id as string}/raise`)
      .auth(cast.provider.token, { type: 'bearer' })
      .send({ exchangeId: '00000000-0000-4000-8000-000000000000' });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'SUPPORT.UNKNOWN_EXCHANGE']);
    expect(elsewhere.body.details.map((d: { field: string }) => d.field)).toEqual(['exchangeId']);
  });

  /** Files the cast's request with `change`, and expects `status` naming only `field`, with no request stored. */
  async function expectRefusedNamingField(change: Record<string, unknown>, field: string, status: 400 | 422, error: string) {
    const count = async () =>
      (
        await stack()
          .api.get(DataSourceToken)
          .query(
            `SELECT count(*)::int AS n FROM support_requests WHERE requesting_organization_id = (SELECT id FROM organizations WHERE code = $1)`,
            [cast.requesting],
          )
      )[0].n as number;
    const before = await count();
    const body: Record<string, unknown> = { ...requestBody(cast), ...change };
    if (field === 'providingOrganization') body.providingOrganization = cast.requesting;
    const res = await stack().http().post('/v1/support-requests').auth(cast.requester.token, { type: 'bearer' }).send(body);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ statusCode: status, error });
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([field]);
    expect(await count()).toBe(before);
  }

  // What breaks the API document (a type, a pattern, an enum, an unknown field).
  it.each([
    ['an unknown field', { extra: 'x' }, 'extra'],
    ['a missing title', { title: undefined }, 'title'],
    ['a priority that is not one', { priority: 'whenever' }, 'priority'],
    ['a neededBy that is not a date', { neededBy: '31/03/2027' }, 'neededBy'],
    ['a neededBy that does not exist', { neededBy: '2027-02-30' }, 'neededBy'],
    ['a link that is not http(s)', { links: ['javascript:alert(1)'] }, 'links'],
    ['a marking that is not one', { marking: 'SECRET' }, 'marking'],
  ])('refuses %s with a 400 naming the field, and stores nothing', (_what, change, field) =>
    expectRefusedNamingField(change, field, 400, 'Bad Request'),
  );

  // What keeps to the document but a rule refuses: a date that has passed, a code that names nothing.
  it.each([
    ['a neededBy in the past', { neededBy: '2020-01-01' }, 'neededBy'],
    ['an unknown A4P area', { a4pArea: 'GARDENING' }, 'a4pArea'],
    ['an unknown cooperation area', { area: 'GARDENING' }, 'area'],
    ['the same organisation on both sides', { providingOrganization: undefined }, 'providingOrganization'],
  ])('refuses %s with a 422 naming the field, and stores nothing', (_what, change, field) =>
    expectRefusedNamingField(change, field, 422, 'Unprocessable Entity'),
  );

  it('lets only a coordinator of the requesting organisation file a request', async () => {
    const asProvider = await stack()
      .http()
      .post('/v1/support-requests')
      .auth(cast.provider.token, { type: 'bearer' })
      .send(requestBody(cast));
    expect([asProvider.status, asProvider.body.code]).toEqual([403, 'SUPPORT.NOT_REQUESTING_COORDINATOR']);
    const asParticipant = await stack()
      .http()
      .post('/v1/support-requests')
      .auth(cast.requesterParticipant.token, { type: 'bearer' })
      .send(requestBody(cast));
    // Refused by the role guard, before the service: its 403 carries no code (only the message names the rule).
    expect([asParticipant.status, asParticipant.body.code, asParticipant.body.message]).toEqual([
      403,
      'ACCESS.ROLE_REQUIRED',
      'this needs the role coordinator',
    ]);
    expect(await list(cast.requester, `organization=${cast.requesting}`)).toEqual([]);
  });

  it('shows a RESTRICTED request only to the people named on it, the coordinators and the deciders, and keeps its title out of e-mail', async () => {
    const restricted = await submit(stack(), cast, { marking: 'RESTRICTED', title: 'Sensitive C-IED support for sector east' });
    const open = await submit(stack(), cast);
    const status = async (person: TestPerson, id: string) =>
      (await stack().http().get(`/v1/support-requests/${id}`).auth(person.token, { type: 'bearer' })).status;

    expect(await status(cast.requesterParticipant, open.id as string)).toBe(200);
    expect(await status(cast.assignee, open.id as string)).toBe(200);
    expect(await status(cast.outsider, open.id as string)).toBe(404);
    expect(await status(cast.requesterParticipant, restricted.id as string)).toBe(404);
    expect(await status(cast.assignee, restricted.id as string)).toBe(404);
    expect(await status(cast.outsider, restricted.id as string)).toBe(404);
    for (const person of [cast.requester, cast.provider, cast.providerSenior])
      expect(await status(person, restricted.id as string)).toBe(200);
    expect(ids(await list(cast.requesterParticipant, 'limit=200'))).toEqual([open.id]);

    // Once assigned, the assignee is named on it and sees it.
    await ok(cast.provider, restricted.id as string, 'acknowledge', { assigneeId: cast.assignee.id });
    expect(await status(cast.assignee, restricted.id as string)).toBe(200);

    // A RESTRICTED request left unacknowledged: its breach e-mail names only the deadline; the inbox shows the title.
    const late = await submit(stack(), cast, { marking: 'RESTRICTED', title: 'Sensitive convoy escort training' });
    const lateDue = deadlineOf(late, 'acknowledge').dueAt as string;
    const mails = await waitFor(
      'the reminder and breach e-mails of the RESTRICTED request',
      async () =>
        stack()
          .smtp.to(cast.provider.email)
          .filter((m) => m.mail.text?.includes(late.id as string)),
      (found) => found.length === 2,
    );
    // In the provider's language (English) and zone (Europe/Brussels), as Intl writes a full date with a short time.
    const due = new Intl.DateTimeFormat('en', { dateStyle: 'full', timeStyle: 'short', timeZone: 'Europe/Brussels' }).format(
      new Date(lateDue),
    );
    expect(mails.map((m) => m.mail.subject).sort()).toEqual([
      `Support request deadline coming: acknowledgement due ${due}`,
      `Support request deadline missed: acknowledgement due ${due}`,
    ]);
    // Absent, not merely elsewhere: the title's words appear in no e-mail.
    for (const mail of mails) expect(`${mail.mail.subject ?? ''} ${mail.mail.text ?? ''}`).not.toMatch(/convoy|Sensitive/);
    const inbox = (await inboxOf(stack(), cast.provider)).filter((n) => n.supportRequestId === late.id);
    expect(inbox.map((n) => n.title as string).sort()).toEqual([
      'Support request deadline coming: Sensitive convoy escort training',
      'Support request deadline missed: Sensitive convoy escort training',
    ]);
  });
});
