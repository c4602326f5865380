import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { Socket } from 'node:net';
import { Client } from '@temporalio/client';
import { LiaisonEntityId, LiaisonKind, LiaisonOrganizations, LiaisonStatus, TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { createExchange, createSeries, exchangeBody, planningLeadMs, plannedInTime, seriesBody, useStack } from '../support/exchanges';
import { inSeconds, personWithWebhook, TestPerson, waitFor } from '../support/fixtures';
import { listenOnPortZero } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';
import { deadlineOf, submit, supportCast, SupportCast } from '../support/support-requests';
import { answered } from '../support/typed-client';

/**
 * The admin API on a stack holding workflows of every kind and in every state a test can bring
 * about: running, completed, terminated, failed, timed out; late (a deadline passed) and stuck
 * (a workflow task nobody takes). Each stack has its own task queue, which scopes the API: the
 * workflows listed are exactly this suite's, so every filter is checked against the exact set of ids it should give.
 */
describe('admin monitoring API', () => {
  const world = useStack(0, {
    ADMIN_LATE_AFTER: 'PT1S',
    ADMIN_STUCK_AFTER: 'PT2S',
    // A support request's acknowledgement is due within seconds, so it turns late during the suite.
    SUPPORT_ACKNOWLEDGE_WITHIN: 'routine=PT3S,priority=PT3S,urgent=PT3S',
    SUPPORT_REMIND_BEFORE: 'routine=PT1S,priority=PT1S,urgent=PT1S',
    SUPPORT_ESCALATE_AFTER: 'routine=P1D,priority=P1D,urgent=P1D',
    // One attempt: an unreachable webhook makes a failed reminder at once.
    REMINDER_ATTEMPTS: '1',
  });
  const http = () => world.stack.http();
  const admin = <T extends { auth: (token: string, options: { type: 'bearer' }) => T }>(request: T) =>
    request.auth(ADMIN_TOKEN, { type: 'bearer' });
  const temporal = () => world.stack.api.get<Client>(TEMPORAL_CLIENT);

  /** Workflow ids the admin API lists for a query string, following every page. */
  async function listed(query: string): Promise<Array<Record<string, any>>> {
    const items: Array<Record<string, any>> = [];
    let cursor: string | null = null;
    do {
      const res = await admin(http().get(`/v1/admin/workflows?limit=100&${query}${cursor ? `&cursor=${cursor}` : ''}`)).expect(200);
      items.push(...(res.body.items as Array<Record<string, any>>));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    return items;
  }
  /** The audit trail of one entity, as the admin API gives it. */
  const auditTrail = async (entityType: string, entity: string) =>
    (await admin(http().get(`/v1/admin/audit?entityType=${entityType}&entity=${entity}`)).expect(200)).body.items as Array<
      Record<string, any>
    >;
  const ids = async (query: string) => new Set((await listed(query)).map((w) => w.workflowId as string));

  /**
   * An exchange workflow started straight on Temporal for an exchange that does not exist: what an
   * admin sees when a row vanished under its workflow. Its first activity finds no row and fails for good.
   */
  async function orphanExchangeWorkflow(options: { executionTimeout?: string } = {}): Promise<string> {
    const exchangeId = randomUUID();
    const handle = await temporal().workflow.start('exchangeWorkflow', {
      taskQueue: world.stack.config.temporal.taskQueue,
      workflowId: `exchange-${exchangeId}`,
      args: [
        {
          exchangeId,
          status: 'scheduled',
          organizations: [world.cast.un, world.cast.nato],
          confirmedBy: [],
          startsAt: inSeconds(3600),
          durationMinutes: 60,
          revision: 1,
          confirmationLeadMs: 60_000,
          escalationAfterMs: 60_000,
        },
      ],
      typedSearchAttributes: [
        { key: LiaisonKind, value: 'exchange' },
        { key: LiaisonEntityId, value: exchangeId },
        { key: LiaisonOrganizations, value: [world.cast.un, world.cast.nato] },
        { key: LiaisonStatus, value: 'scheduled' },
      ],
      ...(options.executionTimeout ? { workflowExecutionTimeout: options.executionTimeout } : {}),
    });
    return handle.workflowId;
  }

  const made: Record<string, string> = {};
  let support: SupportCast;
  let runningTitle: string;
  /** The exchange workflows of the series' occurrences. */
  let occurrences: string[] = [];
  let lateRequest: Record<string, any>;
  /** The exchange planningLeadMs makes to measure planning: a running workflow of this stack too. */
  let probe: string;
  /** A reminder due this far ahead is planned before it falls due on this machine (see planningLeadMs). */
  let leadSeconds: number;

  beforeAll(async () => {
    const { stack, cast } = world;
    leadSeconds = Math.ceil((await planningLeadMs(stack, cast)) / 1000);
    probe = (await listed('kind=exchange')).map((w) => w.workflowId as string)[0];
    support = await supportCast(stack);
    const running = await createExchange(stack, cast.unCoordinator, exchangeBody(cast, { startsAt: inSeconds(7200), participantIds: [] }));
    made.running = `exchange-${running.id}`;
    runningTitle = running.title as string;

    const cancelled = await createExchange(
      stack,
      cast.unCoordinator,
      exchangeBody(cast, { startsAt: inSeconds(7200), participantIds: [] }),
    );
    await http()
      .post(`/v1/exchanges/${cancelled.id}/cancel`)
      .auth(cast.unCoordinator.token, { type: 'bearer' })
      .send({ reason: 'no longer needed' })
      .expect(200);
    made.completed = `exchange-${cancelled.id}`;

    const series = await answered(
      'create series',
      201,
      createSeries(
        stack,
        cast.natoCoordinator,
        seriesBody(cast, {
          rrule: 'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6',
          dtstart: '2030-01-15T10:00:00',
          timezone: 'Europe/Brussels',
          horizon: 2,
        }),
      ),
    );
    made.series = `series-${series.id}`;
    // The series makes its first two occurrences' exchanges (its horizon), each with its workflow: all
    // of them, not the first one seen (the second may come a moment later, and would then be missing).
    const exchanges = await waitFor(
      "the series' two exchanges made",
      async () =>
        (await http().get('/v1/exchanges?limit=200').auth(cast.natoCoordinator.token, { type: 'bearer' }).expect(200)).body.items as Array<
          Record<string, any>
        >,
      (items) => items.filter((e) => e.seriesId === series.id).length === 2,
    );
    occurrences = exchanges.filter((e) => e.seriesId === series.id).map((e) => `exchange-${e.id as string}`);

    lateRequest = await submit(stack, support);
    made.late = `support-request-${lateRequest.id}`;

    made.toTerminate = `exchange-${(await createExchange(stack, cast.unCoordinator, exchangeBody(cast, { startsAt: inSeconds(7200), participantIds: [] }))).id}`;

    // With the worker away, one orphan waits for a workflow task nobody takes (stuck), another runs out its time.
    await stack.stopWorker();
    made.failed = await orphanExchangeWorkflow();
    made.timedOut = await orphanExchangeWorkflow({ executionTimeout: '2s' });
    const stuck = await waitFor(
      'the orphan found stuck while no worker runs',
      async () => [...(await ids('stuck=true'))],
      (found) => found.includes(made.failed),
    );
    // The support request's reminder timer may fall due meanwhile and leave it stuck too; no other workflow has a task then.
    // Which others had a task pending when the worker stopped depends on timing (the series' occurrences, say): only the orphan's is certain.
    made.stuckWhileWorkerAway = stuck.includes(made.failed) ? made.failed : '';
    await waitFor(
      'the orphan with a 2 s limit timed out',
      () => ids('executionStatus=timed-out'),
      (found) => found.has(made.timedOut),
    );
    await stack.startWorker();
    await waitFor(
      'the orphan failed once a worker took its task',
      () => ids('executionStatus=failed'),
      (found) => found.has(made.failed),
    );
  });

  it('lists running workflows of every kind with their business state joined', async () => {
    const running = await listed('executionStatus=running');
    const byId = new Map(running.map((w) => [w.workflowId as string, w]));
    expect(byId.get(made.running)).toMatchObject({
      kind: 'exchange',
      organizations: [world.cast.un, world.cast.nato],
      execution: { status: 'running', closedAt: null },
      business: { status: 'scheduled', title: runningTitle },
      waitingFor: expect.stringMatching(/confirmations/),
      late: false,
      links: {
        temporalUi: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:8233/namespaces/default/workflows/${made.running}/`)),
      },
    });
    expect(byId.get(made.series)).toMatchObject({ kind: 'series', business: { status: 'active' } });
    expect(byId.get(made.late)).toMatchObject({ kind: 'support-request', business: { status: 'submitted' } });
    // Exactly this stack's running workflows: the completed, failed and timed-out ones are not among them.
    expect([...byId.keys()].sort()).toEqual([probe, made.running, made.series, ...occurrences, made.late, made.toTerminate].sort());

    // kind narrows, and the business status narrows within it.
    expect([...(await ids('kind=series'))]).toEqual([made.series]);
    expect([...(await ids('kind=exchange&status=scheduled&executionStatus=running'))].sort()).toEqual(
      [probe, made.running, ...occurrences, made.toTerminate].sort(),
    );
    expect([...(await ids('kind=exchange&status=confirmed'))]).toEqual([]);
  });

  it('filters by organisation', async () => {
    expect([...(await ids(`organization=${support.providing}`))]).toEqual([made.late]);
    expect([...(await ids(`organization=${support.requesting}`))]).toEqual([made.late]);
    expect([...(await ids(`organization=${world.cast.nato}`))].sort()).toEqual(
      [probe, made.running, made.completed, made.series, ...occurrences, made.toTerminate, made.failed, made.timedOut].sort(),
    );
  });

  it('shows a cancelled exchange’s workflow completed, and a timed-out one', async () => {
    expect([...(await ids('executionStatus=completed'))]).toEqual([made.completed]);
    expect([...(await ids('executionStatus=timed-out'))]).toEqual([made.timedOut]);
    const [completed] = (await listed('executionStatus=completed')).filter((w) => w.workflowId === made.completed);
    expect(completed).toMatchObject({
      execution: { status: 'completed', closedAt: expect.any(String) },
      business: { status: 'cancelled' },
      waitingFor: null,
      late: false,
    });
  });

  it('finds a late workflow: the acknowledgement deadline passed and nobody acknowledged', async () => {
    const [late] = await waitFor(
      'the request to be late',
      () => listed('late=true'),
      (items) => items.some((w) => w.workflowId === made.late),
    );
    expect(late).toMatchObject({
      workflowId: made.late,
      late: true,
      waitingFor: expect.stringMatching(/^acknowledgement due /),
      business: { status: 'submitted' },
    });
    // Its next deadline is the request's acknowledgement, as the request itself says.
    expect(Date.parse(late.nextDeadline as string)).toBe(Date.parse(deadlineOf(lateRequest, 'acknowledge').dueAt as string));
    expect([...(await ids('late=true'))]).toEqual([made.late]);
  });

  it('found the workflow stuck while no worker took its task, and shows its failure once one did', async () => {
    expect(made.stuckWhileWorkerAway).toBe(made.failed);
    const failedList = await listed('executionStatus=failed');
    expect(failedList.map((w) => w.workflowId)).toEqual([made.failed]);
    const [failed] = failedList;
    expect(failed).toMatchObject({ workflowId: made.failed, kind: 'exchange', business: null, execution: { status: 'failed' } });
    // With the worker back, the backlog of tasks it missed is worked off: nothing stays stuck.
    await waitFor(
      'no workflow stuck with the worker back',
      async () => [...(await ids('stuck=true'))],
      (stuck) => stuck.length === 0,
    );

    const detail = await admin(http().get(`/v1/admin/workflows/${made.failed}`)).expect(200);
    // The workflow's own failure is the latest, its cause the activity that found no row.
    expect(detail.body.lastFailure).toMatchObject({
      source: 'workflow',
      message: expect.stringContaining('Could not find any entity of type "ExchangeEntity"'),
    });
    expect(detail.body.pendingTimers).toEqual([]);
  });

  it('details a running workflow: its pending timers and a link into the Temporal UI', async () => {
    // Once the workflow has caught up with what fell due while the worker was away, the escalation of
    // the breached acknowledgement waits on a timer a day out (SUPPORT_ESCALATE_AFTER).
    const breached = await waitFor(
      'the acknowledgement breach on the request',
      async () =>
        (
          await http()
            .get(`/v1/support-requests/${lateRequest.id as string}`)
            .auth(support.provider.token, { type: 'bearer' })
            .expect(200)
        ).body as Record<string, any>,
      (request) => (request.timeline as Array<{ kind: string }>).some((e) => e.kind === 'deadline.breach'),
    );
    expect(deadlineOf(breached, 'acknowledge').breached).toBe(true);
    const detail = await waitFor(
      'the escalation timer',
      async () => (await admin(http().get(`/v1/admin/workflows/${made.late}`)).expect(200)).body as Record<string, any>,
      (body) => (body.pendingTimers as Array<{ firesAt: string }>).length === 1,
    );
    expect(detail).toMatchObject({ workflowId: made.late, kind: 'support-request', stuck: null, lastFailure: null, pendingActivities: [] });
    // One timer: the escalation, a day (SUPPORT_ESCALATE_AFTER) after the deadline.
    const [timer] = detail.pendingTimers as Array<{ firesAt: string }>;
    const due = Date.parse(deadlineOf(breached, 'acknowledge').dueAt as string);
    expect(Math.round((Date.parse(timer.firesAt) - due) / 3_600_000)).toBe(24);
    expect(detail.links.temporalUi).toBe(
      `http://127.0.0.1:8233/namespaces/default/workflows/${made.late}/${detail.runId as string}/history`,
    );
  });

  it('terminates a running workflow with a reason, audited, and refuses to do it twice', async () => {
    await admin(http().post(`/v1/admin/workflows/${made.toTerminate}/terminate`))
      .send({})
      .expect(400);
    const res = await admin(http().post(`/v1/admin/workflows/${made.toTerminate}/terminate`))
      .send({ reason: 'duplicate of another exchange' })
      .expect(200);
    expect(res.body.execution.status).toBe('terminated');
    expect(res.body.business.status).toBe('scheduled');
    const again = await admin(http().post(`/v1/admin/workflows/${made.toTerminate}/terminate`))
      .send({ reason: 'again' })
      .expect(409);
    expect(again.body).toMatchObject({ code: 'WORKFLOW.NOT_RUNNING', message: expect.stringMatching(/the workflow is terminated/) });
    expect([...(await ids('executionStatus=terminated'))]).toEqual([made.toTerminate]);
    const audit = await auditTrail('workflow', made.toTerminate);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'workflow.terminated',
        fromState: 'running',
        toState: 'terminated',
        details: expect.objectContaining({ reason: 'duplicate of another exchange' }),
      }),
    ]);
  });

  it('resets a failed workflow to its last workflow task: a new run, audited', async () => {
    const before = await admin(http().get(`/v1/admin/workflows/${made.failed}`)).expect(200);
    const res = await admin(http().post(`/v1/admin/workflows/${made.failed}/reset`))
      .send({ reason: 'row restored, try again' })
      .expect(200);
    expect(res.body.runId).not.toBe(before.body.runId);
    const audit = await auditTrail('workflow', made.failed);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'workflow.reset',
        fromState: 'failed',
        details: expect.objectContaining({ fromRunId: before.body.runId, runId: res.body.runId, to: 'last-workflow-task' }),
      }),
    ]);
    // The row is still missing, so the new run fails the same way.
    await waitFor(
      'the reset run to fail again',
      async () => (await admin(http().get(`/v1/admin/workflows/${made.failed}`)).expect(200)).body as Record<string, any>,
      (now) => now.execution.status === 'failed' && now.runId === res.body.runId,
    );
  });

  it('answers 404 for a workflow that is not Liaison’s, 400 naming a bad filter and 422 naming a cursor it never gave', async () => {
    expect((await admin(http().get(`/v1/admin/workflows/exchange-${randomUUID()}`)).expect(404)).body.code).toBe('WORKFLOW.NOT_FOUND');
    const terminate = await admin(http().post(`/v1/admin/workflows/exchange-${randomUUID()}/terminate`))
      .send({ reason: 'nothing there' })
      .expect(404);
    expect(terminate.body.code).toBe('WORKFLOW.NOT_FOUND');
    for (const [query, field, status] of [
      ['kind=meeting', 'kind', 400],
      ['executionStatus=paused', 'executionStatus', 400],
      ['status=lost', 'status', 400],
      ['late=maybe', 'late', 400],
      [`organization=${world.cast.un}'%20OR%201=1`, 'organization', 400],
      // Well formed (a string), but not a cursor this API signed: a rule refuses it, not the document.
      ['cursor=bm90LWEtdG9rZW4', 'cursor', 422],
    ] as const) {
      const res = await admin(http().get(`/v1/admin/workflows?${query}`));
      expect({ query, status: res.status }).toEqual({ query, status });
      expect(JSON.stringify(res.body)).toMatch(field);
    }
    await admin(http().get('/v1/admin/workflows/has%20space')).expect(400);
    await admin(http().post(`/v1/admin/workflows/${made.running}/reset`))
      .send({ reason: 'try', to: 'yesterday' })
      .expect(400);
  });

  it('is for admins only', async () => {
    const coordinator: TestPerson = world.cast.unCoordinator;
    await http().get('/v1/admin/workflows').expect(401);
    for (const path of ['/v1/admin/workflows', '/v1/admin/queues', '/v1/admin/reminders']) {
      const res = await http().get(path).auth(coordinator.token, { type: 'bearer' });
      // The role guard's refusal: its code, and a message naming the role.
      expect({ path, status: res.status, message: res.body.message, code: res.body.code }).toEqual({
        path,
        status: 403,
        message: 'this needs the role admin',
        code: 'ACCESS.ROLE_REQUIRED',
      });
    }
  });

  it('serves Bull Board at /admin/queues to admins only, read-only', async () => {
    await http().get('/admin/queues').set('Accept', 'application/json').expect(401);
    await http().get('/admin/queues').set('Accept', 'text/html').expect(303).expect('Location', '/admin/login');
    await http().get('/admin/queues').auth(world.cast.unCoordinator.token, { type: 'bearer' }).expect(401);
    const page = await admin(http().get('/admin/queues')).expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/(^|; )font-src 'self'(;|$)/);
    const api = await admin(http().get('/admin/queues/api/queues?activeQueue=reminders&status=failed&page=1')).expect(200);
    const [queue] = api.body.queues as Array<Record<string, any>>;
    expect(queue).toMatchObject({ name: 'reminders', readOnlyMode: true });
  });

  describe('failed reminders', () => {
    /** A receiver on port 0 from the start: it drops every connection until `answering`, then answers 200. */
    let receiver: Server;
    let answering = false;
    let port = 0;
    beforeAll(async () => {
      receiver = createServer((req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(200).end());
      });
      receiver.on('connection', (socket: Socket) => {
        if (!answering) socket.destroy();
      });
      port = await listenOnPortZero(receiver);
    });
    afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

    it('lists a failed delivery, retries it once the receiver is back, and sees it sent', async () => {
      // A webhook URL whose receiver drops the connection, for now.
      const person = await personWithWebhook(world.stack, world.cast.nato, `http://127.0.0.1:${port}/hook`);
      const exchange = await createExchange(
        world.stack,
        world.cast.unCoordinator,
        exchangeBody(world.cast, { startsAt: inSeconds(leadSeconds + 8), participantIds: [person.id], reminderOffsets: ['PT8S'] }),
      );
      await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id as string, 2);

      const failedOnes = await waitFor(
        'the webhook reminder to fail',
        async () => {
          const res = await admin(http().get('/v1/admin/reminders?status=failed&limit=200')).expect(200);
          return res.body.items as Array<Record<string, any>>;
        },
        (items) => items.some((r) => r.about.id === exchange.id),
      );
      // The only failed reminder of this stack's database rows that is about this suite's exchanges.
      const ours = failedOnes.filter((r) => r.person.organization === world.cast.nato || r.person.organization === world.cast.un);
      expect(ours.map((r) => [r.about.id, r.channel])).toEqual([[exchange.id, 'webhook']]);
      const [failed] = ours;
      expect(failed).toMatchObject({
        kind: 'exchange',
        channel: 'webhook',
        status: 'failed',
        attempts: 1,
        sentAt: null,
        lastError: 'webhook not delivered: connection failed',
        person: { id: person.id, name: 'Hook Owner', organization: world.cast.nato },
        about: { type: 'exchange', id: exchange.id, title: exchange.title },
      });

      const queues = await admin(http().get('/v1/admin/queues')).expect(200);
      expect(queues.body.items).toEqual([
        expect.objectContaining({
          queue: 'reminders',
          workers: expect.any(Number),
          counts: expect.objectContaining({ failed: expect.any(Number), waiting: expect.any(Number), delayed: expect.any(Number) }),
        }),
        expect.objectContaining({ queue: 'event-deliveries', workers: expect.any(Number), counts: expect.any(Object) }),
      ]);
      // This stack's own queue (QUEUE_PREFIX): its one failed job, and the notifier's worker.
      expect(queues.body.items[0].counts.failed).toBe(1);
      expect(queues.body.items[0].workers).toBe(1);

      answering = true;
      const retried = await admin(http().post(`/v1/admin/reminders/${failed.id}/retry`)).expect(200);
      // The answer races the notifier, which may have sent it already; the audit below records `queued`.
      expect(retried.body.status === 'queued' || retried.body.status === 'sent').toBe(true);
      const [sent] = await waitFor(
        'the retried reminder to be sent',
        async () => {
          const res = await admin(http().get('/v1/admin/reminders?status=sent&channel=webhook&limit=200')).expect(200);
          return (res.body.items as Array<Record<string, any>>).filter((r) => r.id === failed.id);
        },
        (items) => items.length === 1,
      );
      expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null, sentAt: expect.any(String) });

      const again = await admin(http().post(`/v1/admin/reminders/${failed.id}/retry`)).expect(409);
      expect(again.body).toMatchObject({ code: 'REMINDER.NOT_FAILED', message: 'cannot retry: the reminder is sent' });
      expect((await admin(http().post(`/v1/admin/reminders/${randomUUID()}/retry`)).expect(404)).body.code).toBe('REMINDER.NOT_FOUND');
      await admin(http().post('/v1/admin/reminders/not-a-uuid/retry')).expect(400);
      const audit = await auditTrail('reminder', failed.id as string);
      expect(audit).toEqual([expect.objectContaining({ action: 'reminder.retried', fromState: 'failed', toState: 'queued' })]);
    });

    it('pages through reminders with a cursor and refuses a forged one', async () => {
      // Two pages of one are the first page of two, in the same order (newest due first).
      const both = await admin(http().get('/v1/admin/reminders?limit=2')).expect(200);
      expect(both.body.items).toHaveLength(2);
      const first = await admin(http().get('/v1/admin/reminders?limit=1')).expect(200);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await admin(http().get(`/v1/admin/reminders?limit=1&cursor=${first.body.nextCursor}`)).expect(200);
      expect([...first.body.items, ...second.body.items].map((r) => r.id)).toEqual(both.body.items.map((r: { id: string }) => r.id));
      expect((await admin(http().get('/v1/admin/reminders?cursor=forged')).expect(422)).body.code).toBe('PAGINATION.BAD_CURSOR');
      await admin(http().get('/v1/admin/reminders?status=lost')).expect(400);
    });
  });
});
