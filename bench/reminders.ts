import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { reminderFigures } from './figures';
import { parseFlags } from './lib/args';
import { cpuBetween, CPU_HEADERS, cpuRows, CpuUse } from './lib/cpu';
import { LineChart } from './lib/charts';
import { call, Cast, createCast, exchangeBody } from './lib/liaison';
import { countdown, pool, Progress, sleep } from './lib/progress';
import { measureRuns, RUNS_DEFAULT, RUNS_HELP, Section } from './lib/repeat';
import { Report } from './lib/report';
import { BENCH, BenchStack, deleteKeys, MemoryTrace, stopAll, withDatabase } from './lib/stack';
import { fmt, MiB, percentile, summarize, Summary } from './lib/stats';
import { closeTemporal } from './lib/temporal';

/**
 * Reminder timeliness: N in-app reminders through the whole pipeline (exchange workflow timer →
 * activity → BullMQ → notifier → inbox row), then the same due times as bare BullMQ delayed jobs
 * on the same Redis with a worker of the same concurrency doing nothing: the floor the pipeline
 * adds to. Two waves each: `spread`, due times spread over one minute (whole seconds, as meetings
 * are), which is what timeliness is judged on; and `burst`, all due in the same second, which
 * measures how fast each drains a backlog (its throughput).
 */
export interface ReminderOptions {
  reminders: number;
  perExchange: number;
  concurrency: number;
  spread: number;
  burst: number;
  baseline: number;
  notifiers: number;
}

export const REMINDER_DEFAULTS: ReminderOptions = {
  reminders: 5000,
  perExchange: 5,
  concurrency: 50,
  spread: 60,
  burst: 5000,
  baseline: 1,
  notifiers: 1,
};

export const HELP: Record<keyof ReminderOptions, string> = {
  reminders: 'reminders of the spread wave, due within one minute',
  perExchange: 'in-app participants per exchange (reminders per exchange)',
  concurrency: 'REMINDER_CONCURRENCY of the notifier, and of the bare BullMQ worker',
  spread: 'seconds the spread wave is due over',
  burst: 'reminders of the burst wave, all due in one second (0: none)',
  baseline: '1: also run bare BullMQ; 0: the pipeline only',
  notifiers: 'notifier processes sharing the queue, each with REMINDER_CONCURRENCY (bare BullMQ keeps one worker)',
};

/** Reminders are due this long before their exchange starts. */
const OFFSET = 'PT30M';
const OFFSET_MS = 30 * 60_000;
/** Exchanges created at once while setting up. */
const CREATE_CONCURRENCY = 8;
/**
 * Time from the spread wave's end to the burst: REMINDER_QUEUE_AHEAD (60 s, the product's default)
 * and 30 s more. Each reminder is handed to the queue that long before it is due, by its exchange's
 * workflow waking; with a gap of 30 s the burst's 1,000 workflows woke and handed over its 5,000
 * reminders in the middle of the spread wave's minute, so the spread wave was measured while the
 * Temporal dev server and the worker took the cores from the notifier.
 */
const BURST_GAP_MS = 90_000;
/** After the last due time, how long a wave may take before what is missing counts as lost. */
const DRAIN_LIMIT_MS = 180_000;

export interface WaveFigures {
  expected: number;
  sent: number;
  lost: number;
  duplicated: number;
  retried: number;
  lateness: Summary;
  /** Delivered per second, from the first due time to the last delivery. */
  throughput: number;
  /** Lateness of each delivered reminder (ms), ascending. */
  latenessMs: number[];
}

export interface ReminderResult {
  options: ReminderOptions;
  exchanges: number;
  creationSeconds: number;
  creationRate: number;
  pipeline: Record<WaveName, WaveFigures | null>;
  bare: Record<WaveName, WaveFigures | null>;
  /** Deliveries the notifier counted beyond the reminders marked sent (null when it exports no metric). */
  extraDeliveries: number | null;
  memory: MemoryTrace;
  /** CPU seconds by process from the end of the set-up to the last delivery, and that span's length. */
  cpu: { use: CpuUse; wallSeconds: number };
}

type WaveName = 'spread' | 'burst';

/** The due time (ms) of each reminder of a wave, from its start `at`. */
function dueTimes(options: ReminderOptions, wave: WaveName, at: number): number[] {
  if (wave === 'burst') return new Array<number>(options.burst).fill(at);
  // Whole seconds, as evenly as they go, one exchange's reminders in the same second.
  const exchanges = Math.ceil(options.reminders / options.perExchange);
  return Array.from(
    { length: options.reminders },
    (_, i) => at + Math.floor((Math.floor(i / options.perExchange) * options.spread) / exchanges) * 1000,
  );
}

export async function runReminders(options: ReminderOptions, report: Report): Promise<ReminderResult> {
  report.heading('Reminder timeliness');
  const pipeline = await runPipeline(options);
  const bare = options.baseline ? await runBare(options) : { spread: null, burst: null };
  const result = { ...pipeline, bare };
  describe(result, report);
  return result;
}

async function runPipeline(options: ReminderOptions): Promise<Omit<ReminderResult, 'bare'>> {
  const stack = await BenchStack.start({ REMINDER_CONCURRENCY: String(options.concurrency) }, options.notifiers);
  try {
    const cast = await createCast(stack, options.perExchange);
    const waves: WaveName[] = options.burst > 0 ? ['spread', 'burst'] : ['spread'];
    const plan = waves.flatMap((wave) => exchangesOf(options, wave));

    // Due times must come after every exchange exists and its workflow has planned its reminders
    // (earlier ones would be `skipped`): that rate is measured first, on exchanges outside the waves.
    const probe = Array.from({ length: 5 * CREATE_CONCURRENCY }, () => 0);
    const probeStarted = Date.now();
    const probeIds = await pool(probe, CREATE_CONCURRENCY, () =>
      createExchange(stack, cast, Date.now() + 30 * 86_400_000, cast.participantIds),
    );
    await waitPlanned(probeIds, probe.length * options.perExchange, Date.now() + 120_000);
    const rate = probe.length / ((Date.now() - probeStarted) / 1000);
    // 2.5 × the probe's time and 30 s: the probe's 40 exchanges run on an idle worker, the waves'
    // thousands meet their own growing backlog of workflows (at 1.5 ×, a quiet 2-core machine once
    // had 96% of 10,000 reminders planned when the first was due, and the run failed).
    const lead = Math.ceil(((plan.length / rate) * 2.5 + 30) * 1000);
    process.stderr.write(`[bench] ${fmt(rate, 1)} exchanges/s created and planned: the first reminders are due in ${fmt(lead / 1000)} s\n`);
    const start = Math.ceil((Date.now() + lead) / 1000) * 1000;
    const starts: Record<WaveName, number> = { spread: start, burst: start + options.spread * 1000 + BURST_GAP_MS };

    const created = Date.now();
    const bar = new Progress('creating exchanges', plan.length);
    const ids = await pool(
      plan,
      CREATE_CONCURRENCY,
      (e) => createExchange(stack, cast, starts[e.wave] + e.dueOffsetMs + OFFSET_MS, cast.participantIds.slice(0, e.people)),
      bar,
    );
    bar.stop();
    const creationSeconds = (Date.now() - created) / 1000;
    const byWave = (wave: WaveName) => ids.filter((_, i) => plan[i].wave === wave);
    const expected = waves.reduce((sum, w) => sum + expectedOf(options, w), 0);
    await waitPlanned(ids, expected, start);

    stack.memoryTrace(true);
    const cpuBefore = stack.cpu();
    const cpuFrom = Date.now();
    await countdown('waiting for the first due time', start - Date.now());
    const pipeline: Record<WaveName, WaveFigures | null> = { spread: null, burst: null };
    for (const wave of waves) {
      pipeline[wave] = await measurePipelineWave(`pipeline: ${wave} wave`, byWave(wave), expectedOf(options, wave), starts[wave]);
    }
    const memory = stack.memoryTrace();
    const cpu = { use: cpuBetween(cpuBefore, stack.cpu()), wallSeconds: (Date.now() - cpuFrom) / 1000 };
    const metrics = await stack.notifierMetrics();
    const sentRows = Object.values(pipeline).reduce((sum, w) => sum + (w?.sent ?? 0), 0);
    const delivered = metrics === null ? null : countSent(metrics);
    return {
      options,
      exchanges: plan.length,
      creationSeconds,
      creationRate: plan.length / creationSeconds,
      pipeline,
      extraDeliveries: delivered === null ? null : delivered - sentRows,
      memory,
      cpu,
    };
  } finally {
    await stack.stop();
  }
}

/** The exchanges of a wave: how many participants each has, and its due time from the wave's start. */
function exchangesOf(options: ReminderOptions, wave: WaveName): Array<{ wave: WaveName; people: number; dueOffsetMs: number }> {
  const total = expectedOf(options, wave);
  const dues = dueTimes(options, wave, 0);
  const list = [];
  for (let first = 0; first < total; first += options.perExchange) {
    list.push({ wave, people: Math.min(options.perExchange, total - first), dueOffsetMs: dues[first] });
  }
  return list;
}

function expectedOf(options: ReminderOptions, wave: WaveName): number {
  return wave === 'spread' ? options.reminders : options.burst;
}

async function createExchange(stack: BenchStack, cast: Cast, startsAt: number, participantIds: string[]): Promise<string> {
  const exchange = await call<{ id: string }>(
    stack,
    'POST',
    '/v1/exchanges',
    cast.coordinatorToken,
    exchangeBody(cast, new Date(startsAt), [OFFSET], participantIds),
  );
  return exchange.id;
}

/** Every reminder row written and `scheduled` before the first is due; a bench too slow for its lead time says so. */
async function waitPlanned(exchangeIds: string[], expected: number, firstDue: number): Promise<void> {
  const bar = new Progress('workflows planning reminders', expected);
  try {
    while (true) {
      const counts = await reminderCounts(exchangeIds);
      bar.update(counts.planned);
      if (counts.skipped > 0)
        throw new Error(`${counts.skipped} reminders were already due when planned: the set-up took longer than its lead time`);
      if (counts.planned === expected) return;
      if (Date.now() > firstDue - 2000)
        throw new Error(`only ${counts.planned} of ${expected} reminders were planned before the first was due`);
      await sleep(500);
    }
  } finally {
    bar.stop();
  }
}

/** `planned`: written and not skipped (a build that queues ahead of the due time may have queued some already). */
async function reminderCounts(exchangeIds: string[]): Promise<Record<'planned' | 'sent' | 'skipped' | 'final', number>> {
  const { rows } = await withDatabase((db) =>
    db.query(
      `SELECT count(*) FILTER (WHERE status IN ('scheduled', 'queued', 'sent'))::int AS planned,
              count(*) FILTER (WHERE status = 'sent')::int AS sent,
              count(*) FILTER (WHERE status = 'skipped')::int AS skipped,
              count(*) FILTER (WHERE status IN ('sent', 'failed', 'cancelled', 'skipped'))::int AS final
         FROM reminders WHERE exchange_id = ANY($1)`,
      [exchangeIds],
    ),
  );
  return rows[0];
}

/** Waits until every reminder of the wave has an outcome (or the drain limit), then reads them from Postgres. */
async function measurePipelineWave(label: string, exchangeIds: string[], expected: number, firstDue: number): Promise<WaveFigures> {
  const bar = new Progress(label, expected);
  while (Date.now() < firstDue + DRAIN_LIMIT_MS) {
    const counts = await reminderCounts(exchangeIds);
    bar.update(counts.sent);
    if (counts.final === expected && Date.now() > firstDue) break;
    await sleep(500);
  }
  bar.stop();
  const { rows } = await withDatabase((db) =>
    db.query<{ due: number; sent: number | null; status: string; attempts: number; notifications: number }>(
      `SELECT (extract(epoch FROM r.due_at) * 1000)::float8 AS due, (extract(epoch FROM r.sent_at) * 1000)::float8 AS sent,
              r.status, r.attempts, (SELECT count(*) FROM notifications n WHERE n.reminder_id = r.id)::int AS notifications
         FROM reminders r WHERE r.exchange_id = ANY($1)`,
      [exchangeIds],
    ),
  );
  const sent = rows.filter((r) => r.status === 'sent' && r.sent !== null);
  return figures(
    expected,
    sent.map((r) => ({ due: r.due, done: r.sent! })),
    rows.reduce((sum, r) => sum + Math.max(0, r.notifications - 1), 0),
    rows.filter((r) => r.attempts > 1).length,
  );
}

function figures(expected: number, deliveries: Array<{ due: number; done: number }>, duplicated: number, retried: number): WaveFigures {
  const latenessMs = deliveries.map((d) => d.done - d.due).sort((a, b) => a - b);
  const firstDue = Math.min(...deliveries.map((d) => d.due));
  const lastDone = Math.max(...deliveries.map((d) => d.done));
  return {
    expected,
    sent: deliveries.length,
    lost: expected - deliveries.length,
    duplicated,
    retried,
    lateness: summarize(latenessMs),
    throughput: deliveries.length / Math.max(0.001, (lastDone - firstDue) / 1000),
    latenessMs,
  };
}

/** Sum of `liaison_reminders_total{outcome="sent"}` in the notifier's metrics. */
function countSent(metrics: string): number | null {
  const lines = metrics.split('\n').filter((l) => l.startsWith('liaison_reminders_total{') && l.includes('outcome="sent"'));
  return lines.length === 0 ? null : lines.reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

/** The same waves as delayed jobs of bare BullMQ, on the same Redis, taken by one worker that does nothing. */
async function runBare(options: ReminderOptions): Promise<Record<WaveName, WaveFigures | null>> {
  const prefix = `${BENCH.queuePrefix}-bare`;
  const connection = new Redis(BENCH.redisUrl, { maxRetriesPerRequest: null });
  await deleteKeys(connection, `${prefix}*`);
  const queue = new Queue('bare', { connection, prefix });
  const done = new Map<string, number[]>();
  const worker = new Worker(
    'bare',
    async (job) => {
      const seen = done.get(job.id!) ?? [];
      seen.push(Date.now());
      done.set(job.id!, seen);
    },
    { connection, prefix, concurrency: options.concurrency },
  );
  try {
    const waves: WaveName[] = options.burst > 0 ? ['spread', 'burst'] : ['spread'];
    const start = Math.ceil((Date.now() + 10_000) / 1000) * 1000;
    const starts: Record<WaveName, number> = { spread: start, burst: start + options.spread * 1000 + BURST_GAP_MS };
    const due = new Map<string, number>();
    for (const wave of waves) dueTimes(options, wave, starts[wave]).forEach((at, i) => due.set(`${wave}-${i}`, at));
    const jobs = [...due.entries()];
    for (let i = 0; i < jobs.length; i += 1000) {
      await queue.addBulk(
        jobs.slice(i, i + 1000).map(([id, at]) => ({
          name: 'bare',
          data: {},
          opts: { jobId: id, delay: Math.max(0, at - Date.now()), removeOnComplete: true },
        })),
      );
    }
    await countdown('bare BullMQ: waiting for the first due time', start - Date.now());
    const result: Record<WaveName, WaveFigures | null> = { spread: null, burst: null };
    for (const wave of waves) {
      const ids = jobs.filter(([id]) => id.startsWith(`${wave}-`)).map(([id]) => id);
      const bar = new Progress(`bare BullMQ: ${wave} wave`, ids.length);
      while (Date.now() < starts[wave] + DRAIN_LIMIT_MS) {
        const finished = ids.filter((id) => done.has(id)).length;
        bar.update(finished);
        if (finished === ids.length) break;
        await sleep(250);
      }
      bar.stop();
      const delivered = ids.filter((id) => done.has(id));
      result[wave] = figures(
        ids.length,
        delivered.map((id) => ({ due: due.get(id)!, done: done.get(id)![0] })),
        delivered.reduce((sum, id) => sum + done.get(id)!.length - 1, 0),
        0,
      );
    }
    return result;
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
  }
}

/** The tables, charts and verdicts of a run. */
function describe(result: ReminderResult, report: Report): void {
  const { options } = result;
  report.text(
    `${fmt(options.reminders)} in-app reminders due within ${options.spread} s (whole seconds, ${fmt(options.perExchange)} participants per exchange), ` +
      `then ${fmt(options.burst)} due in the same second; REMINDER_CONCURRENCY ${options.concurrency}. ` +
      'Lateness is `sent_at − due_at` of each reminder row (pipeline) or completion − due time of each job (bare BullMQ, same Redis, same due times, a worker of the same concurrency doing nothing).',
  );
  const columns: Array<[string, WaveFigures | null]> = [
    ['pipeline, spread', result.pipeline.spread],
    ['bare BullMQ, spread', result.bare.spread],
    ['pipeline, burst', result.pipeline.burst],
    ['bare BullMQ, burst', result.bare.burst],
  ].filter((c): c is [string, WaveFigures] => c[1] !== null);
  const row = (label: string, value: (w: WaveFigures) => string) => [label, ...columns.map(([, w]) => value(w!))];
  report.table({
    title: `Reminder timeliness (${fmt(options.reminders)} + ${fmt(options.burst)} reminders)`,
    headers: ['', ...columns.map(([name]) => name)],
    rows: [
      row('reminders', (w) => fmt(w.expected)),
      row('sent', (w) => fmt(w.sent)),
      row('lost', (w) => fmt(w.lost)),
      row('duplicated', (w) => fmt(w.duplicated)),
      row('retried (attempts > 1)', (w) => fmt(w.retried)),
      row('lateness p50 (ms)', (w) => fmt(w.lateness.p50)),
      row('lateness p95 (ms)', (w) => fmt(w.lateness.p95)),
      row('lateness p99 (ms)', (w) => fmt(w.lateness.p99)),
      row('lateness max (ms)', (w) => fmt(w.lateness.max)),
      row('throughput (reminders/s)', (w) => fmt(w.throughput, 1)),
    ],
  });
  report.table({
    title: 'Pipeline set-up and resident memory',
    headers: ['', 'value'],
    rows: [
      ['exchanges created', fmt(result.exchanges)],
      ['creation (s)', fmt(result.creationSeconds, 1)],
      ['creation rate (exchanges/s)', fmt(result.creationRate, 1)],
      ['deliveries beyond reminders sent (notifier metric)', fmt(result.extraDeliveries)],
      ...(['api', 'worker', 'notifier'] as const).map((name) => [
        `${name} peak RSS during the waves (MiB)`,
        fmt(result.memory.peak[name] / MiB),
      ]),
    ],
  });
  report.table({
    title: `Where the CPU went while the reminders were due (${fmt(result.cpu.wallSeconds)} s)`,
    headers: CPU_HEADERS,
    rows: cpuRows(result.cpu.use, result.cpu.wallSeconds),
  });
  const percentileCurve = (w: WaveFigures | null) =>
    w ? Array.from({ length: 101 }, (_, p): [number, number] => [p, percentile(w.latenessMs, Math.max(p, 0.01))]) : [];
  report.chart('reminders-lateness', {
    title: `Lateness by percentile, ${fmt(options.reminders)} reminders due within ${options.spread} s`,
    xLabel: 'percentile of reminders',
    yLabel: 'lateness (ms)',
    series: [
      { name: 'Liaison pipeline', points: percentileCurve(result.pipeline.spread) },
      ...(result.bare.spread ? [{ name: 'bare BullMQ', points: percentileCurve(result.bare.spread) }] : []),
    ],
    marks: [{ y: 1000, label: 'target p99 ≤ 1 s' }],
  } satisfies LineChart);
  if (result.pipeline.burst) {
    const delivered = (w: WaveFigures | null) =>
      w
        ? Array.from({ length: 101 }, (_, p): [number, number] => [
            percentile(w.latenessMs, Math.max(p, 0.01)) / 1000,
            Math.round((p / 100) * w.sent),
          ])
        : [];
    report.chart('reminders-burst', {
      title: `Burst: ${fmt(options.burst)} reminders due in the same second, delivered over time`,
      xLabel: 'seconds after the due time',
      yLabel: 'reminders delivered',
      series: [
        { name: 'Liaison pipeline', points: delivered(result.pipeline.burst) },
        ...(result.bare.burst ? [{ name: 'bare BullMQ', points: delivered(result.bare.burst) }] : []),
      ],
    });
  }
}

/** The benchmark as the repeats and bench:compare run it. */
export function remindersSection(options: ReminderOptions): Section<ReminderResult> {
  return { title: 'Reminder timeliness', run: (report) => runReminders(options, report), figures: reminderFigures };
}

async function main(): Promise<void> {
  const flags = parseFlags('bench:reminders', { ...REMINDER_DEFAULTS, runs: RUNS_DEFAULT }, { ...HELP, runs: RUNS_HELP });
  const report = new Report('Liaison benchmark: reminder timeliness');
  await measureRuns(remindersSection(flags), flags.runs, report);
  if (flags.report) process.stdout.write(`\nreport: ${report.writeResult('reminders')}\n`);
}

if (require.main === module) {
  main()
    .catch(async (error: unknown) => {
      process.stderr.write(`\nbench:reminders failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
      await stopAll();
    })
    .finally(() => closeTemporal());
}
