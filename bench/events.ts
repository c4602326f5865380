import { Queue } from 'bullmq';
import { ChildProcess, spawn } from 'node:child_process';
import Redis from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Pool } from 'pg';
import { startReceiver, type Receiver } from '../examples/webhook-receiver/receiver';
import { EVENT_TYPES, laneKey } from '../libs/domain/src';
import { eventFigures } from './figures';
import { parseFlags } from './lib/args';
import { LineChart } from './lib/charts';
import { cpuBetween, CPU_HEADERS, cpuRows, CpuUse } from './lib/cpu';
import { call, createCast } from './lib/liaison';
import { Progress, sleep } from './lib/progress';
import { measureRuns, RUNS_DEFAULT, RUNS_HELP, Section } from './lib/repeat';
import { Report } from './lib/report';
import { BENCH, BenchStack, deleteKeys, stopAll } from './lib/stack';
import { fmt, MiB, percentile, summarize, Summary } from './lib/stats';
import { closeTemporal } from './lib/temporal';
import { ROOT } from './lib/paths';

/**
 * Events for integrators: events committed to the transactional outbox at an offered rate (default
 * 1,000 a second for 20 s) over a number of lanes (resources), relayed by the notifier into the
 * delivery log and POSTed, signed, to the example receiver (examples/webhook-receiver) running in
 * this process. Lateness is the receiver's arrival time − the moment the event's INSERT committed,
 * on the one clock of this process. Then the same events through bare BullMQ: a job added per event
 * at the same rate, on the same Redis, taken by a worker of the same concurrency that signs the
 * same envelope and POSTs it to the same receiver: the floor the outbox, the relay, the delivery
 * log and per-lane ordering add to.
 */
export interface EventOptions {
  rate: number;
  seconds: number;
  lanes: number;
  concurrency: number;
  connections: number;
  baseline: number;
}

export const EVENT_DEFAULTS: EventOptions = { rate: 1000, seconds: 20, lanes: 200, concurrency: 50, connections: 8, baseline: 1 };

export const HELP: Record<keyof EventOptions, string> = {
  rate: 'events offered per second',
  seconds: 'how long they are offered',
  lanes: 'resources (exchange lanes) the events are spread over, round robin',
  concurrency: 'EVENT_DELIVERY_CONCURRENCY of the notifier, and of the bare BullMQ worker',
  connections: 'Postgres connections committing the events (one event per transaction)',
  baseline: '1: also run bare BullMQ; 0: the pipeline only',
};

/** After the last commit, how long delivery may take before what is missing counts as lost. */
const DRAIN_LIMIT_MS = 120_000;
/** Events sent (and awaited) before the measured ones, so that connections and code paths are warm. */
const WARM_UP = 200;
const EXCHANGE_TYPES = EVENT_TYPES.filter((type) => type.startsWith('exchange.'));

export interface EventFigures {
  offered: number;
  /** Events committed per second (what the generator achieved of the offered rate). */
  committedRate: number;
  delivered: number;
  lost: number;
  /** Requests whose webhook-id the receiver had already taken. */
  duplicates: number;
  /** Receiver arrival − commit (ms). */
  lateness: Summary;
  latenessMs: number[];
  /** Delivered per second, from the first commit to the last arrival. */
  throughput: number;
  /** Pipeline only: relayed_at − commit (ms), and events relayed per second. */
  relayLag: Summary | null;
  relayedRate: number | null;
  /** Pipeline only: lanes where the receiver took an event before an earlier one of its lane. */
  outOfOrderLanes: number | null;
  /** Pipeline only: where an event's time went, stage by stage (first attempts; ms). */
  stages: Record<Stage, Summary> | null;
}

/** The stages of a delivery, from the delivery log's own times (Postgres's clock, the machine's). */
const STAGES = {
  relay: 'commit → relayed (relay lag)',
  wait: 'relayed → its head claimed (queue, lane and worker wait)',
  post: 'the POST (duration_ms)',
  record: 'claim + sign + record, around the POST',
} as const;
type Stage = keyof typeof STAGES;

export interface EventResult {
  options: EventOptions;
  pipeline: EventFigures;
  bare: EventFigures | null;
  cpu: { use: CpuUse; wallSeconds: number };
  peakRss: Record<'api' | 'worker' | 'notifier', number>;
}

/** An exchange as an organisation's event sees it: about the size of the API's exchange view. */
function exchangeData(lane: string, type: string, i: number): Record<string, unknown> {
  return {
    id: lane.slice('exchange:'.length),
    title: `Bench exchange ${i}`,
    status: type === 'exchange.cancelled' ? 'cancelled' : 'scheduled',
    level: 'working',
    areas: ['POC'],
    organizations: ['BENCH-A', 'BENCH-B'],
    hostOrganization: 'BENCH-A',
    startsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    durationMinutes: 60,
    timezone: 'Europe/Brussels',
    location: 'Video link',
    marking: 'UNMARKED',
    participantIds: [randomUUID(), randomUUID(), randomUUID()],
    confirmations: [{ organization: 'BENCH-A', confirmedAt: null }],
    scheduleRevision: 1,
  };
}

/**
 * Offers `total` items at `rate` a second: `send(i)` for each when its time comes, at most
 * `inFlight` at once; returns when each was done (ms since the epoch), by index.
 */
async function offer(total: number, rate: number, inFlight: number, send: (i: number) => Promise<void>, bar?: Progress): Promise<number[]> {
  const done = new Array<number>(total);
  const started = Date.now();
  let next = 0;
  let running = 0;
  let failure: unknown;
  while (next < total && failure === undefined) {
    const due = Math.min(total, Math.floor(((Date.now() - started) * rate) / 1000) + 1);
    while (next < due && running < inFlight) {
      const i = next++;
      running++;
      send(i).then(
        () => {
          done[i] = Date.now();
          running--;
          bar?.increment();
        },
        (error: unknown) => (failure = error),
      );
    }
    await sleep(1);
  }
  while (running > 0 && failure === undefined) await sleep(1);
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(`a send failed: ${JSON.stringify(failure)}`);
  return done;
}

/** Waits until the receiver has taken (after deduplication) `count` events since it had taken `before`, or the drain limit. */
async function drain(receiver: Receiver, before: number, count: number, label: string): Promise<void> {
  const target = before + count;
  const bar = new Progress(label, count);
  const show = () => bar.update(Math.min(count, receiver.accepted.length - before));
  const timer = setInterval(show, 250);
  try {
    await receiver.until(() => receiver.accepted.length >= target, DRAIN_LIMIT_MS, label);
  } catch {
    // What is missing counts as lost.
  } finally {
    clearInterval(timer);
    show();
    bar.stop();
  }
}

function figures(
  ids: string[],
  committed: number[],
  receiver: Receiver,
  from: number,
  extra: Pick<EventFigures, 'relayLag' | 'relayedRate' | 'outOfOrderLanes' | 'stages'>,
): EventFigures {
  const receipts = receiver.receipts.slice(from);
  const arrived = new Map<string, number>();
  for (const r of receipts) if (!r.duplicate) arrived.set(r.webhookId, r.receivedAt);
  const latenessMs: number[] = [];
  ids.forEach((id, i) => {
    const at = arrived.get(id);
    if (at !== undefined) latenessMs.push(at - committed[i]);
  });
  latenessMs.sort((a, b) => a - b);
  const firstCommit = Math.min(...committed);
  const lastArrival = Math.max(...arrived.values());
  return {
    offered: ids.length,
    committedRate: ids.length / Math.max(0.001, (Math.max(...committed) - firstCommit) / 1000),
    delivered: latenessMs.length,
    lost: ids.length - latenessMs.length,
    duplicates: receipts.filter((r) => r.duplicate).length,
    lateness: summarize(latenessMs),
    latenessMs,
    throughput: latenessMs.length / Math.max(0.001, (lastArrival - firstCommit) / 1000),
    ...extra,
  };
}

export async function runEvents(options: EventOptions, report: Report): Promise<EventResult> {
  report.heading('Events for integrators');
  const pipeline = await runPipeline(options);
  const bare = options.baseline ? await runBare(options) : null;
  const result = { ...pipeline, bare };
  describe(result, report);
  return result;
}

async function runPipeline(options: EventOptions): Promise<Omit<EventResult, 'bare'>> {
  const stack = await BenchStack.start({
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    EVENT_DELIVERY_CONCURRENCY: String(options.concurrency),
  });
  const receiver = await startReceiver({ secret: `whsec_${randomBytes(24).toString('base64')}` });
  const pool = new Pool({ connectionString: BENCH.databaseUrl, max: options.connections });
  try {
    const cast = await createCast(stack, 0);
    const [organization] = cast.organizations;
    const subscription = await call<{ id: string; secret: string }>(
      stack,
      'POST',
      `/v1/organizations/${organization}/event-subscriptions`,
      BENCH.adminToken,
      { url: receiver.url, events: [...EVENT_TYPES], description: 'bench receiver' },
      [201],
    );
    receiver.secrets = [subscription.secret];
    const { rows } = await pool.query<{ id: string }>('SELECT id FROM organizations WHERE code = $1', [organization]);
    const organizationIds = [rows[0].id];
    const lanes = Array.from({ length: options.lanes }, () => laneKey({ kind: 'exchange', id: randomUUID() }));

    const commit = (id: string, i: number): Promise<unknown> => {
      const lane = lanes[i % lanes.length];
      const type = EXCHANGE_TYPES[Math.floor(i / lanes.length) % EXCHANGE_TYPES.length];
      return pool.query(
        'INSERT INTO event_outbox (id, type, occurred_at, lane, organization_ids, data) VALUES ($1, $2, now(), $3, $4, $5)',
        [id, type, lane, organizationIds, exchangeData(lane, type, i)],
      );
    };

    const warmIds = Array.from({ length: WARM_UP }, () => randomUUID());
    await offer(WARM_UP, 200, options.connections, (i) => commit(warmIds[i], i).then(() => undefined));
    await drain(receiver, 0, WARM_UP, 'pipeline: warm-up');

    const from = receiver.receipts.length;
    const acceptedBefore = receiver.accepted.length;
    const total = options.rate * options.seconds;
    const ids = Array.from({ length: total }, () => randomUUID());
    stack.memoryTrace(true);
    const cpuBefore = stack.cpu();
    const cpuFrom = Date.now();
    const bar = new Progress('pipeline: committing events', total);
    const committed = await offer(
      total,
      options.rate,
      options.connections * 4,
      (i) => commit(ids[i], WARM_UP + i).then(() => undefined),
      bar,
    );
    bar.stop();
    await drain(receiver, acceptedBefore, total, 'pipeline: delivered');
    const cpu = { use: cpuBetween(cpuBefore, stack.cpu()), wallSeconds: (Date.now() - cpuFrom) / 1000 };
    const memory = stack.memoryTrace();

    const relayed = (
      await pool.query<{ id: string; relayed: number | null; lane: string; seq: string }>(
        `SELECT id, (extract(epoch FROM relayed_at) * 1000)::float8 AS relayed, lane, seq::text AS seq FROM event_outbox WHERE id = ANY($1)`,
        [ids],
      )
    ).rows;
    const index = new Map<string, number>(ids.map((id, i) => [id, i]));
    const relayLagMs = relayed.filter((r) => r.relayed !== null).map((r) => r.relayed! - committed[index.get(r.id)!]);
    const lastRelayed = Math.max(...relayed.map((r) => r.relayed ?? 0));
    const seqOf = new Map(relayed.map((r) => [r.id, { lane: r.lane, seq: Number(r.seq) }]));
    const lastSeq = new Map<string, number>();
    const outOfOrder = new Set<string>();
    for (const receipt of receiver.receipts.slice(from)) {
      const row = seqOf.get(receipt.webhookId);
      if (!row || receipt.duplicate) continue;
      if ((lastSeq.get(row.lane) ?? 0) > row.seq) outOfOrder.add(row.lane);
      lastSeq.set(row.lane, row.seq);
    }
    const stages = await stagesOf(pool, ids, committed);
    const pipeline = figures(ids, committed, receiver, from, {
      stages,
      relayLag: summarize(relayLagMs),
      relayedRate: relayLagMs.length / Math.max(0.001, (lastRelayed - Math.min(...committed)) / 1000),
      outOfOrderLanes: outOfOrder.size,
    });
    return { options, pipeline, cpu, peakRss: memory.peak };
  } finally {
    await pool.end();
    await receiver.close();
    await stack.stop();
  }
}

/** Each stage of each event's first, successful attempt, from the delivery log. */
async function stagesOf(pool: Pool, ids: string[], committed: number[]): Promise<Record<Stage, Summary>> {
  const index = new Map<string, number>(ids.map((id, i) => [id, i]));
  const { rows } = await pool.query<{ id: string; relayed: number; claimed: number; post: number; delivered: number }>(
    `SELECT d.event_id AS id, (extract(epoch FROM o.relayed_at) * 1000)::float8 AS relayed,
            (extract(epoch FROM d.last_attempt_at) * 1000)::float8 AS claimed, d.duration_ms AS post,
            (extract(epoch FROM d.delivered_at) * 1000)::float8 AS delivered
       FROM event_deliveries d JOIN event_outbox o ON o.id = d.event_id
      WHERE d.event_id = ANY($1) AND d.status = 'delivered' AND d.attempts = 1`,
    [ids],
  );
  const stage = (value: (r: (typeof rows)[number]) => number) => summarize(rows.map(value));
  return {
    relay: stage((r) => r.relayed - committed[index.get(r.id)!]),
    wait: stage((r) => r.claimed - r.relayed),
    post: stage((r) => r.post),
    record: stage((r) => r.delivered - r.claimed - r.post),
  };
}

/**
 * The same number of events through a plain BullMQ queue: jobs added by this process, taken by a
 * worker in a process of its own (bench/lib/bare-event-worker.ts, as the notifier is the pipeline's)
 * that signs each envelope and POSTs it to a receiver like the pipeline's, in this process.
 */
export async function runBare(options: EventOptions): Promise<EventFigures> {
  const prefix = `${BENCH.queuePrefix}-events-bare`;
  const queueName = 'bare-events';
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const receiver = await startReceiver({ secret });
  const connection = new Redis(BENCH.redisUrl, { maxRetriesPerRequest: null });
  await deleteKeys(connection, `${prefix}*`);
  const queue = new Queue(queueName, { connection, prefix });
  const worker = await startBareWorker({
    BARE_RECEIVER_URL: receiver.url,
    BARE_SECRET: secret,
    BARE_REDIS_URL: BENCH.redisUrl,
    BARE_QUEUE: queueName,
    BARE_PREFIX: prefix,
    BARE_CONCURRENCY: String(options.concurrency),
  });
  try {
    const lanes = Array.from({ length: options.lanes }, () => laneKey({ kind: 'exchange', id: randomUUID() }));
    const add = (id: string, i: number) => {
      const lane = lanes[i % lanes.length];
      const type = EXCHANGE_TYPES[Math.floor(i / lanes.length) % EXCHANGE_TYPES.length];
      const envelope = { id, type, occurredAt: new Date().toISOString(), organization: 'BENCH-A', data: exchangeData(lane, type, i) };
      return queue.add('event', envelope, { jobId: id, removeOnComplete: true, removeOnFail: true }).then(() => undefined);
    };
    const warmIds = Array.from({ length: WARM_UP }, () => randomUUID());
    await offer(WARM_UP, 200, options.connections, (i) => add(warmIds[i], i));
    await drain(receiver, 0, WARM_UP, 'bare BullMQ: warm-up');
    const from = receiver.receipts.length;
    const acceptedBefore = receiver.accepted.length;
    const total = options.rate * options.seconds;
    const ids = Array.from({ length: total }, () => randomUUID());
    const bar = new Progress('bare BullMQ: adding jobs', total);
    const committed = await offer(total, options.rate, options.connections * 4, (i) => add(ids[i], WARM_UP + i), bar);
    bar.stop();
    await drain(receiver, acceptedBefore, total, 'bare BullMQ: delivered');
    return figures(ids, committed, receiver, from, { relayLag: null, relayedRate: null, outOfOrderLanes: null, stages: null });
  } finally {
    await stopChild(worker);
    await queue.obliterate({ force: true });
    await queue.close();
    connection.disconnect();
    await receiver.close();
  }
}

/** The bare baseline's worker process, once it says it is ready. */
async function startBareWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'lib/bare-event-worker.ts')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (out.includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the bare BullMQ worker exited (${code}) before it was ready`)));
  });
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/** The tables, chart and verdicts of a run. */
function describe(result: EventResult, report: Report): void {
  const { options } = result;
  report.text(
    `${fmt(options.rate)} events a second offered for ${options.seconds} s (${fmt(options.rate * options.seconds)} events) over ${fmt(options.lanes)} lanes, ` +
      `each committed in its own transaction to the outbox (${options.connections} connections), one subscription to every event, ` +
      `EVENT_DELIVERY_CONCURRENCY ${options.concurrency}. Lateness is the example receiver's arrival time − the commit of the event's INSERT (pipeline), ` +
      'or arrival − the `queue.add` that made its job (bare BullMQ: same Redis, a worker process of the same concurrency signing the same envelope and POSTing it to the same receiver, no outbox, no delivery log, no per-lane order).',
  );
  const columns: Array<[string, EventFigures]> = [['pipeline', result.pipeline]];
  if (result.bare) columns.push(['bare BullMQ', result.bare]);
  const row = (label: string, value: (f: EventFigures) => string) => [label, ...columns.map(([, f]) => value(f))];
  report.table({
    title: `Event delivery (${fmt(options.rate)} events/s offered for ${options.seconds} s)`,
    headers: ['', ...columns.map(([name]) => name)],
    rows: [
      row('events', (f) => fmt(f.offered)),
      row('committed per second', (f) => fmt(f.committedRate, 1)),
      row('delivered', (f) => fmt(f.delivered)),
      row('lost', (f) => fmt(f.lost)),
      row('duplicates received', (f) => fmt(f.duplicates)),
      row('lanes out of order', (f) => fmt(f.outOfOrderLanes)),
      row('relayed per second', (f) => fmt(f.relayedRate, 1)),
      row('relay lag p50 (ms)', (f) => fmt(f.relayLag?.p50)),
      row('relay lag p99 (ms)', (f) => fmt(f.relayLag?.p99)),
      row('lateness p50 (ms)', (f) => fmt(f.lateness.p50)),
      row('lateness p95 (ms)', (f) => fmt(f.lateness.p95)),
      row('lateness p99 (ms)', (f) => fmt(f.lateness.p99)),
      row('lateness max (ms)', (f) => fmt(f.lateness.max)),
      row('delivered per second', (f) => fmt(f.throughput, 1)),
    ],
  });
  const stages = result.pipeline.stages;
  if (stages) {
    report.table({
      title: 'Where an event waits in the pipeline (first attempts, from the delivery log)',
      headers: ['stage', 'p50 (ms)', 'p99 (ms)', 'max (ms)'],
      rows: (Object.keys(STAGES) as Stage[]).map((name) => [
        STAGES[name],
        fmt(stages[name].p50),
        fmt(stages[name].p99),
        fmt(stages[name].max),
      ]),
    });
  }
  report.table({
    title: `Where the CPU went while the events were committed and delivered (${fmt(result.cpu.wallSeconds)} s)`,
    headers: CPU_HEADERS,
    rows: [
      ...cpuRows(result.cpu.use, result.cpu.wallSeconds),
      ...(['api', 'worker', 'notifier'] as const).map((name) => [`${name} peak RSS (MiB)`, fmt(result.peakRss[name] / MiB), '', '']),
    ],
  });
  const p99 = result.pipeline.lateness.p99;
  report.text(
    `**The goal, p99 ≤ 1 s at ${fmt(options.rate)} events/s, was ${p99 <= 1000 ? 'met' : 'not met'}** in this run: p99 ${fmt(p99)} ms` +
      (result.bare ? ` (bare BullMQ: ${fmt(result.bare.lateness.p99)} ms).` : '.') +
      ' Where the time goes, and what would close a gap, is in bench/README.md ("Events: where the time goes").',
  );
  const curve = (f: EventFigures) =>
    Array.from({ length: 101 }, (_, p): [number, number] => [p, percentile(f.latenessMs, Math.max(p, 0.01))]);
  report.chart('events-lateness', {
    title: `Commit-to-delivery lateness by percentile, ${fmt(options.rate)} events/s`,
    xLabel: 'percentile of events',
    yLabel: 'lateness (ms)',
    series: columns.map(([name, f]) => ({ name: name === 'pipeline' ? 'Liaison outbox → relay → delivery' : name, points: curve(f) })),
    marks: [{ y: 1000, label: 'goal p99 ≤ 1 s' }],
  } satisfies LineChart);
}

/** The benchmark as the repeats and bench:compare run it. */
export function eventsSection(options: EventOptions): Section<EventResult> {
  return { title: 'Events for integrators', run: (report) => runEvents(options, report), figures: eventFigures };
}

async function main(): Promise<void> {
  const flags = parseFlags('bench:events', { ...EVENT_DEFAULTS, runs: RUNS_DEFAULT }, { ...HELP, runs: RUNS_HELP });
  const report = new Report('Liaison benchmark: events for integrators');
  await measureRuns(eventsSection(flags), flags.runs, report);
  if (flags.report) process.stdout.write(`\nreport: ${report.writeResult('events')}\n`);
}

if (require.main === module) {
  main()
    .catch(async (error: unknown) => {
      process.stderr.write(`\nbench:events failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
      await stopAll();
    })
    .finally(() => closeTemporal());
}
