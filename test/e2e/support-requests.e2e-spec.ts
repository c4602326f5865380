import { DataSource as DataSourceToken } from 'typeorm';
import { eventually, inSeconds, sleep, TestPerson } from '../support/fixtures';
import { auditOf, createExchange, exchangeBody, inboxOf, useStack } from '../support/exchanges';
import { deadlineOf, requestBody, requestOf, step, submit, supportCast, SupportCast, timelineReached } from '../support/support-requests';

/** Service levels shortened to seconds; the test organisations work every day, so they hold on any day of the week. */
const SERVICE_LEVELS = {
  SUPPORT_ACKNOWLEDGE_WITHIN: 'routine=PT6S,priority=PT5S,urgent=PT3S',
  SUPPORT_DECIDE_WITHIN: 'routine=PT30S,priority=PT20S,urgent=PT8S',
  SUPPORT_REMIND_BEFORE: 'routine=PT3S,priority=PT2S,urgent=PT1S',
  SUPPORT_ESCALATE_AFTER: 'routine=PT3S,priority=PT3S,urgent=PT2S',
  SUPPORT_AUTO_CLOSE_AFTER: 'PT4S',
};

/** A4P support requests through their workflow, on the real stack. */
describe('support requests', () => {
  const world = useStack(0, SERVICE_LEVELS);
  const stack = () => world.stack;
  let cast: SupportCast;

  beforeAll(async () => {
    cast = await supportCast(world.stack);
  });

  const ok = async (person: TestPerson, id: string, name: string, body: object = {}) => {
    const res = await step(stack(), person, id, name, body);
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as Record<string, any>;
  };
  const inboxKinds = async (person: TestPerson, requestId: string) =>
    (await inboxOf(stack(), person)).filter((n) => n.supportRequestId === requestId).map((n) => n.kind as string);

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
    const listed = await stack()
      .http()
      .get(`/v1/support-requests?status=closed&organization=${cast.providing}`)
      .auth(cast.provider.token, { type: 'bearer' })
      .expect(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(id);
    // Closed is final: the workflow is over, and any further step is a 409 naming the state.
    const again = await step(stack(), cast.requester, id, 'close');
    expect(again.status).toBe(409);
    expect(again.body.message).toBe('cannot close: the request is closed');
  });

  it('stops the decision clock while the requester is asked for information', async () => {
    const id = (await submit(stack(), cast)).id as string;
    const acknowledged = await ok(cast.provider, id, 'acknowledge', { assigneeId: cast.assignee.id });
    const dueBefore = Date.parse(deadlineOf(acknowledged, 'decision').dueAt as string);

    const asked = await ok(cast.provider, id, 'request-information', { question: 'Which languages?' });
    expect(deadlineOf(asked, 'decision')).toMatchObject({ paused: true, metAt: null, breached: false });
    const pausedAt = Date.now();
    await sleep(5000);
    const answered = await ok(cast.requester, id, 'provide-information', { answer: 'French and English.' });
    const waited = Date.now() - pausedAt;
    const dueAfter = Date.parse(deadlineOf(answered, 'decision').dueAt as string);

    expect(deadlineOf(answered, 'decision')).toMatchObject({ paused: false, metAt: null });
    // The deadline moved by the time spent waiting (give or take the requests' own time).
    expect(dueAfter - dueBefore).toBeGreaterThanOrEqual(4500);
    expect(dueAfter - dueBefore).toBeLessThanOrEqual(waited + 500);
    const listedAsWaiting = await stack()
      .http()
      .get(`/v1/support-requests?overdue=false&organization=${cast.requesting}`)
      .auth(cast.requester.token, { type: 'bearer' })
      .expect(200);
    expect(listedAsWaiting.body.items.map((r: { id: string }) => r.id)).toContain(id);
  });

  it('reminds before the acknowledgement deadline, tells the coordinators at the breach, then escalates to the senior level', async () => {
    const id = (await submit(stack(), cast)).id as string;
    // Nobody is assigned yet: the reminder goes to the providing coordinators; the breach too; then the senior level.
    await timelineReached(stack(), cast.provider, id, 'deadline.reminder');
    await timelineReached(stack(), cast.provider, id, 'deadline.breach');
    await timelineReached(stack(), cast.provider, id, 'deadline.escalation');
    await eventually(
      async () => ((await inboxKinds(cast.providerSenior, id)).includes('support-request.escalation') ? true : undefined),
      10_000,
      'the escalation in the senior inbox',
    );
    expect((await inboxKinds(cast.provider, id)).sort()).toEqual(['support-request.breach', 'support-request.reminder']);
    const mail = await eventually(
      async () =>
        stack()
          .smtp.to(cast.providerSenior.email)
          .find((m) => m.mail.text?.includes(id)),
      10_000,
      'the escalation e-mail',
    );
    expect(mail.mail.subject).toMatch(/^Escalation: support request deadline missed: C-IED training/);

    const overdue = await stack()
      .http()
      .get(`/v1/support-requests?overdue=true&organization=${cast.providing}`)
      .auth(cast.provider.token, { type: 'bearer' })
      .expect(200);
    expect(overdue.body.items.map((r: { id: string }) => r.id)).toContain(id);

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
    expect(bare.status).toBe(400);
    expect(bare.body.details).toEqual([
      { field: 'rationale', problems: ['required: the decision to decline goes against the recommendation to approve'] },
    ]);
    expect((await requestOf(stack(), cast.provider, id)).status).toBe('recommended');

    const declined = await ok(cast.providerSenior, id, 'decide', { decision: 'decline', rationale: 'No instructors free this quarter.' });
    expect(declined).toMatchObject({
      status: 'declined',
      decision: { decision: 'decline', rationale: 'No instructors free this quarter.', by: cast.providerSenior.id },
    });
    expect((await step(stack(), cast.provider, id, 'start-delivery')).status).toBe(409);
    const raised = await stack()
      .http()
      .post(`/v1/support-requests/${id}/raise`)
      .auth(cast.provider.token, { type: 'bearer' })
      .send({ exchangeId: '00000000-0000-4000-8000-000000000000' });
    expect(raised.status).toBe(409);
    expect(raised.body.message).toBe('cannot raise: the request is declined');
  });

  it('is withdrawn by the requester, and nothing more happens to it', async () => {
    const id = (await submit(stack(), cast)).id as string;
    await ok(cast.provider, id, 'acknowledge', { assigneeId: cast.assignee.id });
    const withdrawn = await ok(cast.requester, id, 'withdraw', { reason: 'Covered by another partner.' });
    expect(withdrawn.status).toBe('withdrawn');
    expect(withdrawn.overdue).toBe(false);
    expect((withdrawn.timeline as Array<Record<string, any>>).at(-1)).toMatchObject({
      kind: 'withdraw',
      body: 'Covered by another partner.',
    });
    const refused = await step(stack(), cast.provider, id, 'recommend', { recommendation: 'approve', rationale: 'x' });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toBe('cannot recommend: the request is withdrawn');
    // The decision deadline (30 s) would have had its reminder at 27 s; none is written for a withdrawn request.
    await sleep(3000);
    const reminders = await stack()
      .api.get(DataSourceToken)
      .query(`SELECT count(*)::int AS n FROM reminders WHERE support_request_id = $1`, [id]);
    expect(reminders[0].n).toBe(0);
  });

  it('gives an urgent request shorter deadlines, and breaches them sooner', async () => {
    const routine = await submit(stack(), cast, { priority: 'routine' });
    const urgent = await submit(stack(), cast, { priority: 'urgent' });
    const window = (r: Record<string, any>) => Date.parse(deadlineOf(r, 'acknowledge').dueAt as string) - Date.parse(r.createdAt as string);
    expect(Math.round(window(routine) / 1000)).toBe(6);
    expect(Math.round(window(urgent) / 1000)).toBe(3);

    await timelineReached(stack(), cast.provider, urgent.id as string, 'deadline.breach', 10_000);
    const routineNow = await requestOf(stack(), cast.provider, routine.id as string);
    expect((routineNow.timeline as Array<{ kind: string }>).map((e) => e.kind)).not.toContain('deadline.breach');

    const acknowledged = await ok(cast.provider, urgent.id as string, 'acknowledge', { assigneeId: cast.assignee.id });
    const decisionWindow = Date.parse(deadlineOf(acknowledged, 'decision').dueAt as string) - Date.parse(acknowledged.updatedAt as string);
    expect(Math.round(decisionWindow / 1000)).toBe(8);
    // The decision deadline's reminder goes to the assignee, 1 s before the 8 s are up.
    await eventually(
      async () => ((await inboxKinds(cast.assignee, urgent.id as string)).includes('support-request.reminder') ? true : undefined),
      15_000,
      'the decision reminder in the assignee inbox',
    );
    const reminder = (await requestOf(stack(), cast.provider, urgent.id as string)).timeline.filter(
      (e: Record<string, any>) => e.kind === 'deadline.reminder' && e.details.deadline === 'decision',
    );
    expect(reminder).toHaveLength(1);
    expect(reminder[0].details.recipients).toEqual([cast.assignee.id]);
  });

  it('comes out the same through a restart of the workflow worker, and closes by itself after delivery', async () => {
    const id = (await submit(stack(), cast)).id as string;
    await stack().stopWorker();
    await sleep(4000);
    await stack().startWorker();
    // The reminder fell while the worker was down; it, the breach and the escalation each come once.
    await timelineReached(stack(), cast.provider, id, 'deadline.escalation', 20_000);
    await ok(cast.provider, id, 'acknowledge', { assigneeId: cast.assignee.id });
    await ok(cast.provider, id, 'recommend', { recommendation: 'approve', rationale: 'Within capacity.' });
    await stack().stopWorker();
    await stack().startWorker();
    await ok(cast.providerSenior, id, 'decide', { decision: 'approve' });
    await ok(cast.provider, id, 'start-delivery');
    await ok(cast.provider, id, 'deliver', { summary: 'Done.' });
    await stack().stopWorker();
    await stack().startWorker();

    const closed = await eventually(
      async () => {
        const r = await requestOf(stack(), cast.requester, id);
        return r.status === 'closed' ? r : undefined;
      },
      20_000,
      'the automatic close',
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
        exchangeBody({
          level: 'senior',
          areas: ['A4P'],
          organizations: [cast.requesting, cast.providing],
          hostOrganization: cast.requesting,
          startsAt: inSeconds(days * 86_400),
          participantIds: [],
          reminderOffsets: [],
        }),
      );
    const next = await seniorTalks(2);
    const later = await seniorTalks(3);
    const agenda = async (exchangeId: string) =>
      (await stack().http().get(`/v1/exchanges/${exchangeId}/agenda`).auth(cast.requester.token, { type: 'bearer' }).expect(200)).body
        .items as Array<Record<string, any>>;

    const overdue = await submit(stack(), cast, { priority: 'urgent' });
    const hidden = await submit(stack(), cast, { priority: 'urgent', marking: 'RESTRICTED' });
    await sleep(3500); // the urgent acknowledgement deadline (3 s) passes
    const listed = (await agenda(next.id as string)).filter((e) => e.source === 'support-request');
    expect(listed).toEqual(
      expect.arrayContaining([
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
      ]),
    );
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
    const item = (await agenda(later.id as string)).find((e) => e.supportRequestId === fresh.id);
    expect(item).toMatchObject({
      id: expect.any(String),
      source: 'support-request',
      proposingOrganization: cast.providing,
      awaiting: [cast.requesting],
      title: `Support request: ${fresh.title as string}`,
    });
    const twice = await stack()
      .http()
      .post(`/v1/support-requests/${fresh.id as string}/raise`)
      .auth(cast.provider.token, { type: 'bearer' })
      .send({ exchangeId: later.id });
    expect(twice.status).toBe(409);
    const elsewhere = await stack()
      .http()
      .post(`/v1/support-requests/${fresh.id as string}/raise`)
      .auth(cast.provider.token, { type: 'bearer' })
      .send({ exchangeId: '00000000-0000-4000-8000-000000000000' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.details[0].field).toBe('exchangeId');
  });

  it.each([
    ['an unknown field', { extra: 'x' }, 'extra'],
    ['a missing title', { title: undefined }, 'title'],
    ['a priority that is not one', { priority: 'whenever' }, 'priority'],
    ['a neededBy that is not a date', { neededBy: '31/03/2027' }, 'neededBy'],
    ['an impossible neededBy', { neededBy: '2027-02-30' }, 'neededBy'],
    ['a neededBy in the past', { neededBy: '2020-01-01' }, 'neededBy'],
    ['an unknown A4P area', { a4pArea: 'GARDENING' }, 'a4pArea'],
    ['an unknown cooperation area', { area: 'GARDENING' }, 'area'],
    ['a link that is not http(s)', { links: ['javascript:alert(1)'] }, 'links'],
    ['the same organisation on both sides', { providingOrganization: undefined }, 'providingOrganization'],
    ['a marking that is not one', { marking: 'SECRET' }, 'marking'],
  ])('refuses %s with a 400 naming the field, and stores nothing', async (_what, change, field) => {
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
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.stringContaining(field) });
    expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await count()).toBe(before);
  });

  it('lets only a coordinator of the requesting organisation file a request', async () => {
    const asProvider = await stack()
      .http()
      .post('/v1/support-requests')
      .auth(cast.provider.token, { type: 'bearer' })
      .send(requestBody(cast));
    expect(asProvider.status).toBe(403);
    const asParticipant = await stack()
      .http()
      .post('/v1/support-requests')
      .auth(cast.requesterParticipant.token, { type: 'bearer' })
      .send(requestBody(cast));
    expect(asParticipant.status).toBe(403);
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
    const listed = await stack()
      .http()
      .get('/v1/support-requests?limit=200')
      .auth(cast.requesterParticipant.token, { type: 'bearer' })
      .expect(200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).not.toContain(restricted.id);

    // Once assigned, the assignee is named on it and sees it.
    await ok(cast.provider, restricted.id as string, 'acknowledge', { assigneeId: cast.assignee.id });
    expect(await status(cast.assignee, restricted.id as string)).toBe(200);

    // A RESTRICTED request left unacknowledged: its breach e-mail names only the deadline; the inbox shows the title.
    const late = await submit(stack(), cast, { marking: 'RESTRICTED', title: 'Sensitive convoy escort training' });
    const mail = await eventually(
      async () =>
        stack()
          .smtp.to(cast.provider.email)
          .find((m) => m.mail.text?.includes(late.id as string) && /missed/.test(m.mail.subject ?? '')),
      20_000,
      'the breach e-mail of the RESTRICTED request',
    );
    expect(`${mail.mail.subject ?? ''} ${mail.mail.text ?? ''}`).not.toContain('convoy');
    expect(mail.mail.subject).toMatch(/^Support request deadline missed: acknowledge due /);
    const inbox = (await inboxOf(stack(), cast.provider)).filter((n) => n.supportRequestId === late.id);
    expect(inbox.map((n) => n.title as string).join(' ')).toContain('Sensitive convoy escort training');
  });
});
