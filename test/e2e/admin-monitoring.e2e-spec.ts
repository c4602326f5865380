import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { Client } from '@temporalio/client';
import { LiaisonEntityId, LiaisonKind, LiaisonOrganizations, LiaisonStatus, TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { createExchange, createSeries, exchangeBody, seriesBody, useStack } from '../support/exchanges';
import { eventually, inSeconds, personWithWebhook, sleep, TestPerson } from '../support/fixtures';
import { freePort } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';
import { submit, supportCast, SupportCast } from '../support/support-requests';

/**
 * The admin API on a stack holding workflows of every kind and in every state a test can bring
 * about: running, completed, terminated, failed, timed out; late (a deadline passed) and stuck
 * (a workflow task nobody takes). Filters are checked against the ids this suite made, because
 * other suites' workflows run beside them (each stack has its own task queue, which scopes the API).
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
          organizations: ['UN', 'NATO'],
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
        { key: LiaisonOrganizations, value: ['UN', 'NATO'] },
        { key: LiaisonStatus, value: 'scheduled' },
      ],
      ...(options.executionTimeout ? { workflowExecutionTimeout: options.executionTimeout } : {}),
    });
    return handle.workflowId;
  }

  const made: Record<string, string> = {};
  let support: SupportCast;

  beforeAll(async () => {
    const { stack, cast } = world;
    support = await supportCast(stack);
    made.running = `exchange-${(await createExchange(stack, cast.unCoordinator, exchangeBody({ startsAt: inSeconds(7200), participantIds: [] }))).id}`;

    const cancelled = await createExchange(stack, cast.unCoordinator, exchangeBody({ startsAt: inSeconds(7200), participantIds: [] }));
    await http()
      .post(`/v1/exchanges/${cancelled.id}/cancel`)
      .auth(cast.unCoordinator.token, { type: 'bearer' })
      .send({ reason: 'no longer needed' })
      .expect(200);
    made.completed = `exchange-${cancelled.id}`;

    const series = await createSeries(
      stack,
      cast.natoCoordinator,
      seriesBody({
        rrule: 'FREQ=MONTHLY;BYMONTHDAY=15;COUNT=6',
        dtstart: '2030-01-15T10:00:00',
        timezone: 'Europe/Brussels',
        organizations: ['UN', 'NATO'],
      }),
    ).expect(201);
    made.series = `series-${series.body.id}`;

    made.late = `support-request-${(await submit(stack, support)).id}`;

    made.toTerminate = `exchange-${(await createExchange(stack, cast.unCoordinator, exchangeBody({ startsAt: inSeconds(7200), participantIds: [] }))).id}`;

    // With the worker away, one orphan waits for a workflow task nobody takes (stuck), another runs out its time.
    await stack.stopWorker();
    made.failed = await orphanExchangeWorkflow();
    made.timedOut = await orphanExchangeWorkflow({ executionTimeout: '2s' });
    await sleep(3500);
    made.stuckWhileWorkerAway = (await ids('stuck=true')).has(made.failed) ? made.failed : '';
    await stack.startWorker();
  });

  it('lists running workflows of every kind with their business state joined', async () => {
    const running = await listed('executionStatus=running');
    const byId = new Map(running.map((w) => [w.workflowId as string, w]));
    expect(byId.get(made.running)).toMatchObject({
      kind: 'exchange',
      organizations: expect.arrayContaining(['UN', 'NATO']),
      execution: { status: 'running', closedAt: null },
      business: { status: 'scheduled', title: expect.stringContaining('Staff talks') },
      waitingFor: expect.stringContaining('confirmations'),
      late: false,
      links: {
        temporalUi: expect.stringMatching(new RegExp(`^http://127\\.0\\.0\\.1:8233/namespaces/default/workflows/${made.running}/`)),
      },
    });
    expect(byId.get(made.series)).toMatchObject({ kind: 'series', business: { status: 'active' } });
    expect(byId.get(made.late)).toMatchObject({ kind: 'support-request', business: { status: 'submitted' } });
    expect(byId.has(made.completed)).toBe(false);

    // kind narrows, and the business status narrows within it.
    expect([...(await ids('kind=series'))]).toContain(made.series);
    expect((await ids('kind=series')).has(made.running)).toBe(false);
    const scheduled = await ids('kind=exchange&status=scheduled&executionStatus=running');
    expect(scheduled.has(made.running)).toBe(true);
    expect((await ids('kind=exchange&status=confirmed')).has(made.running)).toBe(false);
  });

  it('filters by organisation', async () => {
    const provider = await ids(`organization=${support.providing}`);
    expect(provider.has(made.late)).toBe(true);
    expect(provider.has(made.running)).toBe(false);
    expect((await ids('organization=NATO')).has(made.series)).toBe(true);
  });

  it('shows a cancelled exchange’s workflow completed, and a timed-out one', async () => {
    expect((await ids('executionStatus=completed')).has(made.completed)).toBe(true);
    expect((await ids('executionStatus=timed-out')).has(made.timedOut)).toBe(true);
    const [completed] = (await listed('executionStatus=completed')).filter((w) => w.workflowId === made.completed);
    expect(completed).toMatchObject({
      execution: { status: 'completed', closedAt: expect.any(String) },
      business: { status: 'cancelled' },
      waitingFor: null,
      late: false,
    });
  });

  it('finds a late workflow: the acknowledgement deadline passed and nobody acknowledged', async () => {
    const late = await eventually(
      async () => (await listed('late=true')).find((w) => w.workflowId === made.late),
      15_000,
      'the request to be late',
    );
    expect(late).toMatchObject({
      late: true,
      waitingFor: expect.stringMatching(/^acknowledgement due /),
      business: { status: 'submitted' },
    });
    expect(Date.parse(late.nextDeadline as string)).toBeLessThan(Date.now() - 1000);
    expect((await ids('late=true')).has(made.running)).toBe(false);
  });

  it('found the workflow stuck while no worker took its task, and shows its failure once one did', async () => {
    expect(made.stuckWhileWorkerAway).toBe(made.failed);
    const failed = await eventually(
      async () => (await listed('executionStatus=failed')).find((w) => w.workflowId === made.failed),
      20_000,
      'the orphan to fail',
    );
    expect(failed).toMatchObject({ kind: 'exchange', business: null, execution: { status: 'failed' } });
    expect((await ids('stuck=true')).has(made.failed)).toBe(false);

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
    const detail = await eventually(
      async () => {
        const res = await admin(http().get(`/v1/admin/workflows/${made.late}`)).expect(200);
        const timers = res.body.pendingTimers as Array<{ timerId: string; firesAt: string }>;
        return timers.some((timer) => Date.parse(timer.firesAt) > Date.now() + 23 * 3600_000)
          ? (res.body as Record<string, any>)
          : undefined;
      },
      15_000,
      'the escalation timer',
    );
    expect(detail).toMatchObject({ workflowId: made.late, kind: 'support-request', stuck: null, lastFailure: null, pendingActivities: [] });
    expect(detail.links.temporalUi).toContain(`/workflows/${made.late}/${detail.runId}/history`);
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
    expect(again.body.message).toContain('the workflow is terminated');
    expect((await ids('executionStatus=terminated')).has(made.toTerminate)).toBe(true);
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
    await eventually(
      async () => {
        const now = await admin(http().get(`/v1/admin/workflows/${made.failed}`)).expect(200);
        return now.body.execution.status === 'failed' && now.body.runId === res.body.runId ? true : undefined;
      },
      20_000,
      'the reset run to fail again',
    );
  });

  it('answers 404 for a workflow that is not Liaison’s, and 400 naming a bad filter', async () => {
    await admin(http().get(`/v1/admin/workflows/exchange-${randomUUID()}`)).expect(404);
    await admin(http().post(`/v1/admin/workflows/exchange-${randomUUID()}/terminate`))
      .send({ reason: 'nothing there' })
      .expect(404);
    for (const [query, field] of [
      ['kind=meeting', 'kind'],
      ['executionStatus=paused', 'executionStatus'],
      ['status=lost', 'status'],
      ['late=maybe', 'late'],
      ["organization=UN'%20OR%201=1", 'organization'],
      ['cursor=bm90LWEtdG9rZW4', 'cursor'],
    ]) {
      const res = await admin(http().get(`/v1/admin/workflows?${query}`));
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(JSON.stringify(res.body)).toContain(field);
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
      await http().get(path).auth(coordinator.token, { type: 'bearer' }).expect(403);
    }
  });

  it('serves Bull Board at /admin/queues to admins only, read-only', async () => {
    await http().get('/admin/queues').set('Accept', 'application/json').expect(401);
    await http().get('/admin/queues').set('Accept', 'text/html').expect(303).expect('Location', '/admin/login');
    await http().get('/admin/queues').auth(world.cast.unCoordinator.token, { type: 'bearer' }).expect(401);
    const page = await admin(http().get('/admin/queues')).expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("font-src 'self'");
    const api = await admin(http().get('/admin/queues/api/queues?activeQueue=reminders&status=failed&page=1')).expect(200);
    const [queue] = api.body.queues as Array<Record<string, any>>;
    expect(queue).toMatchObject({ name: 'reminders', readOnlyMode: true });
  });

  describe('failed reminders', () => {
    let receiver: Server | undefined;
    afterAll(() => new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve())));

    it('lists a failed delivery, retries it once the receiver is back, and sees it sent', async () => {
      // A webhook URL on a port that nothing listens on yet.
      const port = await freePort();
      const person = await personWithWebhook(world.stack, 'NATO', `http://127.0.0.1:${port}/hook`);
      const exchange = await createExchange(
        world.stack,
        world.cast.unCoordinator,
        exchangeBody({ startsAt: inSeconds(12), participantIds: [person.id], reminderOffsets: ['PT8S'] }),
      );

      const failed = await eventually(
        async () => {
          const res = await admin(http().get('/v1/admin/reminders?status=failed&channel=webhook&limit=200')).expect(200);
          return (res.body.items as Array<Record<string, any>>).find((r) => r.about.id === exchange.id);
        },
        30_000,
        'the webhook reminder to fail',
      );
      expect(failed).toMatchObject({
        kind: 'exchange',
        channel: 'webhook',
        status: 'failed',
        attempts: 1,
        sentAt: null,
        lastError: 'webhook not delivered: connection failed',
        person: { id: person.id, name: 'Hook Owner', organization: 'NATO' },
        about: { type: 'exchange', id: exchange.id, title: exchange.title },
      });

      const queues = await admin(http().get('/v1/admin/queues')).expect(200);
      expect(queues.body.items).toEqual([
        expect.objectContaining({
          queue: 'reminders',
          workers: expect.any(Number),
          counts: expect.objectContaining({ failed: expect.any(Number), waiting: expect.any(Number), delayed: expect.any(Number) }),
        }),
      ]);
      expect(queues.body.items[0].counts.failed).toBeGreaterThanOrEqual(1);
      expect(queues.body.items[0].workers).toBeGreaterThanOrEqual(1);

      receiver = createServer((req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(200).end());
      });
      await new Promise<void>((resolve) => receiver!.listen(port, '127.0.0.1', resolve));

      const retried = await admin(http().post(`/v1/admin/reminders/${failed.id}/retry`)).expect(200);
      expect(['queued', 'sent']).toContain(retried.body.status);
      const sent = await eventually(
        async () => {
          const res = await admin(http().get('/v1/admin/reminders?status=sent&channel=webhook&limit=200')).expect(200);
          return (res.body.items as Array<Record<string, any>>).find((r) => r.id === failed.id);
        },
        20_000,
        'the retried reminder to be sent',
      );
      expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null, sentAt: expect.any(String) });

      const again = await admin(http().post(`/v1/admin/reminders/${failed.id}/retry`)).expect(409);
      expect(again.body.message).toBe('cannot retry: the reminder is sent');
      await admin(http().post(`/v1/admin/reminders/${randomUUID()}/retry`)).expect(404);
      await admin(http().post('/v1/admin/reminders/not-a-uuid/retry')).expect(400);
      const audit = await auditTrail('reminder', failed.id as string);
      expect(audit).toEqual([expect.objectContaining({ action: 'reminder.retried', fromState: 'failed', toState: 'queued' })]);
    });

    it('pages through reminders with a cursor and refuses a forged one', async () => {
      const first = await admin(http().get('/v1/admin/reminders?limit=1')).expect(200);
      expect(first.body.items).toHaveLength(1);
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await admin(http().get(`/v1/admin/reminders?limit=1&cursor=${first.body.nextCursor}`)).expect(200);
      expect(second.body.items[0].id).not.toBe(first.body.items[0].id);
      expect(Date.parse(second.body.items[0].dueAt)).toBeLessThanOrEqual(Date.parse(first.body.items[0].dueAt));
      await admin(http().get('/v1/admin/reminders?cursor=forged')).expect(400);
      await admin(http().get('/v1/admin/reminders?status=lost')).expect(400);
    });
  });
});
