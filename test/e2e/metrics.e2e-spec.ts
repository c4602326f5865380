import { createExchange, exchangeBody, planningLeadMs, plannedInTime, remindersOf, useStack } from '../support/exchanges';
import { createPerson, inSeconds, personWithWebhook, waitFor } from '../support/fixtures';
import { deadEndpoint } from '../support/ports';
import { workerMetricsUrl } from '../support/stack';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition (comments skipped). */
function parse(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const [, name, labels, value] = /^([\w:]+)(?:\{(.*)\})? (\S+)$/.exec(line) ?? [];
      if (!name) throw new Error(`not a sample: ${line}`);
      const pairs = [...(labels ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, val]) => [key, val]);
      return { name, labels: Object.fromEntries(pairs), value: Number(value) };
    });
}

/** The sum of the samples named `name` that carry every label given (0 when none does). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, val]) => s.labels[key] === val))
    .reduce((sum, s) => sum + s.value, 0);
}

/**
 * /metrics of the three processes, read after real deliveries. The API and the notifier of a test
 * stack each have their own prom-client registry (MetricsModule.forApp), but it lives as long as
 * the stack, which serves every test of this file: counters are compared before and after.
 * Workflow and queue counts are scoped to this stack's task queue and queue prefix, so they are exact.
 */
describe('Prometheus metrics', () => {
  // One attempt: a reminder to an unreachable webhook fails for good at once.
  const world = useStack(0, { REMINDER_ATTEMPTS: '1' });
  const apiMetrics = async () => parse((await world.stack.http().get('/metrics').expect(200)).text);
  const notifierMetrics = async () => parse((await world.stack.notifierHttp().get('/metrics').expect(200)).text);
  /** A reminder due this far ahead is planned before it falls due on this machine (see planningLeadMs). */
  let leadSeconds: number;
  beforeAll(async () => {
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });

  it('counts a sent reminder and its lateness, the exchange workflow, the request and the queue, and serves the SDK metrics', async () => {
    const person = await createPerson(world.stack, world.cast.nato);
    const [apiBefore, notifierBefore] = [await apiMetrics(), await notifierMetrics()];

    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(leadSeconds + 6), participantIds: [person.id], reminderOffsets: ['PT6S'] }),
    );
    await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id, 1);
    const [row] = await waitFor(
      'the in-app reminder sent',
      () => remindersOf(world.stack, world.cast.unCoordinator, exchange.id),
      (rows) => rows.length === 1 && rows[0].status === 'sent',
    );
    expect(row.channel).toBe('inapp');
    const lateness = (Date.parse(row.sentAt) - Date.parse(row.dueAt)) / 1000;

    // The notifier: one `sent`, nothing else, and its lateness in the histogram.
    const notifier = await notifierMetrics();
    const delta = (name: string, labels: Record<string, string>) => valueOf(notifier, name, labels) - valueOf(notifierBefore, name, labels);
    expect(delta('liaison_reminders_total', { channel: 'inapp', kind: 'exchange', outcome: 'sent' })).toBe(1);
    expect(delta('liaison_reminders_total', {})).toBe(1);
    expect(delta('liaison_reminder_lateness_seconds_count', { channel: 'inapp' })).toBe(1);
    expect(delta('liaison_reminder_lateness_seconds_sum', { channel: 'inapp' })).toBeCloseTo(lateness, 3);
    const buckets = notifier.filter((s) => s.name === 'liaison_reminder_lateness_seconds_bucket' && s.labels.channel === 'inapp');
    expect(buckets.length).toBeGreaterThan(10);
    for (const bucket of buckets) {
      const counted = delta('liaison_reminder_lateness_seconds_bucket', { channel: 'inapp', le: bucket.labels.le });
      const bound = bucket.labels.le === '+Inf' ? Infinity : Number(bucket.labels.le);
      expect([bucket.labels.le, counted]).toEqual([bucket.labels.le, bound >= lateness ? 1 : 0]);
    }
    expect(valueOf(notifier, 'liaison_queue_jobs', { queue: 'reminders', state: 'completed' })).toBe(1);
    expect(valueOf(notifier, 'liaison_notifier_process_resident_memory_bytes')).toBeGreaterThan(0);

    // The API: the POST that made the exchange, timed under its route pattern.
    const api = await apiMetrics();
    const posted = { method: 'POST', route: '/v1/exchanges', status: '201' };
    expect(
      valueOf(api, 'liaison_http_request_duration_seconds_count', posted) -
        valueOf(apiBefore, 'liaison_http_request_duration_seconds_count', posted),
    ).toBe(1);
    expect(valueOf(api, 'liaison_http_request_duration_seconds_sum', posted)).toBeGreaterThan(0);
    const reminderRoute = { method: 'GET', route: '/v1/exchanges/:id/reminders', status: '200' };
    expect(valueOf(api, 'liaison_http_request_duration_seconds_count', reminderRoute)).toBeGreaterThanOrEqual(1);
    expect(api.some((s) => s.name === 'liaison_http_request_duration_seconds_count' && s.labels.route.includes(exchange.id))).toBe(false);
    expect(valueOf(api, 'liaison_queue_jobs', { queue: 'reminders', state: 'completed' })).toBe(1);
    expect(valueOf(api, 'liaison_queue_jobs', { queue: 'reminders', state: 'failed' })).toBe(0);

    // This stack's one exchange workflow, running (visibility lags a little; the gauge re-reads every 5 s).
    const workflows = await waitFor(
      'the exchange workflows counted running',
      apiMetrics,
      (samples) => valueOf(samples, 'liaison_workflow_executions', { kind: 'exchange', status: 'running' }) === 2,
    );
    // The planning probe's exchange and this one.
    expect(valueOf(workflows, 'liaison_workflow_executions', { kind: 'exchange' })).toBe(2);
    expect(valueOf(workflows, 'liaison_workflow_executions', { kind: 'series' })).toBe(0);
    expect(valueOf(workflows, 'liaison_workflow_executions', { kind: 'support-request' })).toBe(0);
    expect(workflows.filter((s) => s.name === 'liaison_workflow_executions').map((s) => s.labels.status)).toEqual(
      expect.arrayContaining(['running', 'completed', 'failed', 'terminated', 'timed-out', 'cancelled', 'continued-as-new']),
    );

    // The worker's SDK metrics: its pollers on this stack's task queue, and the activities it ran.
    const { taskQueue } = world.stack.config.temporal;
    const sdk = parse(await (await fetch(await workerMetricsUrl())).text());
    expect(valueOf(sdk, 'temporal_num_pollers', { task_queue: taskQueue, poller_type: 'workflow_task' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(sdk, 'temporal_workflow_task_execution_latency_count', { task_queue: taskQueue })).toBeGreaterThanOrEqual(1);
    expect(valueOf(sdk, 'temporal_activity_execution_latency_count', { task_queue: taskQueue })).toBeGreaterThanOrEqual(1);
  });

  it('counts a delivery that failed on its last attempt as failed', async () => {
    // A webhook URL where every connection is dropped.
    const dead = await deadEndpoint();
    const person = await personWithWebhook(world.stack, world.cast.nato, dead.url);
    const before = await notifierMetrics();

    const exchange = await createExchange(
      world.stack,
      world.cast.unCoordinator,
      exchangeBody(world.cast, { startsAt: inSeconds(leadSeconds + 6), participantIds: [person.id], reminderOffsets: ['PT6S'] }),
    );
    await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id, 2);
    const rows = await waitFor(
      'the in-app reminder sent and the webhook one failed',
      () => remindersOf(world.stack, world.cast.unCoordinator, exchange.id),
      (current) => current.length === 2 && current.every((r) => r.status === 'sent' || r.status === 'failed'),
    );
    await dead.close();
    expect(Object.fromEntries(rows.map((r) => [r.channel, r.status]))).toEqual({ inapp: 'sent', webhook: 'failed' });

    const after = await notifierMetrics();
    const delta = (labels: Record<string, string>) =>
      valueOf(after, 'liaison_reminders_total', labels) - valueOf(before, 'liaison_reminders_total', labels);
    expect(delta({ channel: 'webhook', kind: 'exchange', outcome: 'failed' })).toBe(1);
    expect(delta({ outcome: 'attempt-failed' })).toBe(0);
    expect(delta({ channel: 'inapp', kind: 'exchange', outcome: 'sent' })).toBe(1);
    expect(delta({})).toBe(2);
    // A failed delivery has no lateness: only the in-app one was observed.
    expect(
      valueOf(after, 'liaison_reminder_lateness_seconds_count', { channel: 'webhook' }) -
        valueOf(before, 'liaison_reminder_lateness_seconds_count', { channel: 'webhook' }),
    ).toBe(0);
    expect(valueOf(after, 'liaison_queue_jobs', { queue: 'reminders', state: 'failed' })).toBe(1);
  });

  it('serves the notifier health checks beside its metrics', async () => {
    await world.stack.notifierHttp().get('/health/live').expect(200, { status: 'ok' });
    const ready = await world.stack.notifierHttp().get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', details: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    await world.stack.notifierHttp().get('/nothing').expect(404);
  });
});
