import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';
import { numberList, parseFlags } from './lib/args';
import { apiFigures, knee } from './figures';
import { cpuBetween, CPU_HEADERS, cpuRows, CpuUse } from './lib/cpu';
import { createCast, exchangeBody } from './lib/liaison';
import { countdown, Progress, sleep } from './lib/progress';
import { measureRuns, RUNS_DEFAULT, RUNS_HELP, Section } from './lib/repeat';
import { Report } from './lib/report';
import { BenchStack, MemoryTrace, stopAll, withDatabase } from './lib/stack';
import { fmt, MiB, summarize } from './lib/stats';
import { startBenchTemporal } from './lib/own-temporal';
import { closeTemporal, newTemporalClient } from './lib/temporal';

/**
 * API throughput: `POST /v1/exchanges` under autocannon at rising concurrency, against a bare
 * Temporal client starting the same number of trivial workflows on the same dev server at the
 * same concurrency (starting needs no worker). The knee of each curve is the lowest concurrency
 * that reaches 95% of its best rate; our rate there is given as a share of the baseline's.
 */
export interface ApiOptions {
  levels: string;
  requests: number;
  participants: number;
  baseline: number;
}

export const API_DEFAULTS: ApiOptions = { levels: '1,2,4,8,16,32,64', requests: 1000, participants: 3, baseline: 1 };

export const HELP: Record<keyof ApiOptions, string> = {
  levels: 'concurrency levels (connections), comma-separated',
  requests: 'requests per level (at least 20 per connection)',
  participants: 'in-app participants per exchange',
  baseline: '1: also run the bare Temporal client; 0: the API only',
};

/** The exchange's default offsets (P14D, P7D, P1D, PT1H): every one a reminder row per participant. */
const OFFSETS = ['P14D', 'P7D', 'P1D', 'PT1H'];
/** After a level, how long the worker may take to plan the reminders of what the API accepted. */
const CATCH_UP_LIMIT_MS = 300_000;

export interface Level {
  concurrency: number;
  requests: number;
  ok: number;
  failed: number;
  rate: number;
  p50: number;
  p99: number;
  /** Seconds after the level until the worker had planned every accepted exchange (API only). */
  catchUp?: number;
  /** CPU seconds by process over the level and its catch-up, and that span's length (API only). */
  cpu?: { use: CpuUse; wallSeconds: number };
}

export interface ApiResult {
  options: ApiOptions;
  api: Level[];
  bare: Level[];
  memory: MemoryTrace;
}

export async function runApi(options: ApiOptions, report: Report): Promise<ApiResult> {
  report.heading('API throughput');
  const levels = numberList(options.levels, 'levels');
  const { api, memory } = await runLiaison(options, levels);
  const bare = options.baseline ? await runBare(options, levels) : [];
  const result = { options, api, bare, memory };
  describe(result, report);
  return result;
}

function amountAt(options: ApiOptions, concurrency: number): number {
  return Math.max(options.requests, concurrency * 20);
}

async function runLiaison(options: ApiOptions, levels: number[]): Promise<{ api: Level[]; memory: MemoryTrace }> {
  const stack = await BenchStack.start();
  try {
    const cast = await createCast(stack, options.participants);
    const body = JSON.stringify(exchangeBody(cast, new Date(Date.now() + 30 * 86_400_000), OFFSETS));
    const shoot = (connections: number, amount: number) =>
      autocannon({
        url: `${stack.apiUrl}/v1/exchanges`,
        method: 'POST',
        headers: { Authorization: `Bearer ${cast.coordinatorToken}`, 'Content-Type': 'application/json' },
        body,
        connections,
        amount,
        timeout: 30,
      });
    // Warm-up (JIT, connection pools), not counted.
    await shoot(4, 100);
    await waitPlanned(`worker catching up (warm-up)`, options);
    stack.memoryTrace(true);
    const results: Level[] = [];
    const bar = new Progress('POST /v1/exchanges, by concurrency', levels.length, 'levels');
    for (const concurrency of levels) {
      bar.update(results.length, `${concurrency} connections`);
      const cpuBefore = stack.cpu();
      const levelStarted = Date.now();
      const res = await shoot(concurrency, amountAt(options, concurrency));
      const caughtUp = Date.now();
      await waitPlanned(`worker catching up after ${concurrency}`, options);
      results.push({
        concurrency,
        requests: res.requests.total,
        ok: res['2xx'],
        failed: res.non2xx + res.errors,
        rate: res['2xx'] / res.duration,
        p50: res.latency.p50,
        p99: res.latency.p99,
        catchUp: (Date.now() - caughtUp) / 1000,
        cpu: { use: cpuBetween(cpuBefore, stack.cpu()), wallSeconds: (Date.now() - levelStarted) / 1000 },
      });
    }
    bar.update(levels.length);
    bar.stop();
    return { api: results, memory: stack.memoryTrace() };
  } finally {
    await stack.stop();
  }
}

/** Waits until every exchange has its reminder rows: the worker has run its workflow that far. */
async function waitPlanned(label: string, options: ApiOptions): Promise<void> {
  const perExchange = OFFSETS.length * options.participants;
  const started = Date.now();
  let bar: Progress | undefined;
  try {
    while (Date.now() - started < CATCH_UP_LIMIT_MS) {
      const { rows } = await withDatabase((db) =>
        db.query<{ exchanges: number; reminders: number }>(
          'SELECT (SELECT count(*) FROM exchanges)::int AS exchanges, (SELECT count(*) FROM reminders)::int AS reminders',
        ),
      );
      const { exchanges, reminders } = rows[0];
      if (reminders >= exchanges * perExchange) return;
      // Only a wait that lasts gets a bar.
      if (!bar && Date.now() - started > 2000) bar = new Progress(label, exchanges * perExchange, 'reminders');
      bar?.update(reminders);
      await sleep(250);
    }
    throw new Error(`${label}: the worker had not planned every exchange after ${CATCH_UP_LIMIT_MS / 1000} s`);
  } finally {
    bar?.stop();
  }
}

/** The same number of starts of a trivial workflow type, on a task queue of its own that no worker polls. */
async function runBare(options: ApiOptions, levels: number[]): Promise<Level[]> {
  // A fresh dev server of its own, as the stack's was.
  const temporal = await startBenchTemporal(`bare-${randomUUID().slice(0, 8)}`);
  const { client, close } = await newTemporalClient();
  const taskQueue = `liaison-bench-bare-${randomUUID().slice(0, 8)}`;
  const start = () => client.workflow.start('benchTrivialWorkflow', { taskQueue, workflowId: `bench-bare-${randomUUID()}`, args: [] });
  try {
    await runConcurrently(4, 100, start);
    const results: Level[] = [];
    const bar = new Progress('bare Temporal starts, by concurrency', levels.length, 'levels');
    for (const concurrency of levels) {
      bar.update(results.length, `${concurrency} concurrent`);
      const amount = amountAt(options, concurrency);
      const started = performance.now();
      const { latencies, failed } = await runConcurrently(concurrency, amount, start);
      const seconds = (performance.now() - started) / 1000;
      const latency = summarize(latencies);
      results.push({
        concurrency,
        requests: amount,
        ok: latencies.length,
        failed,
        rate: latencies.length / seconds,
        p50: latency.p50,
        p99: latency.p99,
      });
      // A breath between levels, as the API's levels get while the worker catches up.
      await countdown('pause between levels', 2000);
    }
    bar.update(levels.length);
    bar.stop();
    return results;
  } finally {
    await close();
    await temporal.stop();
  }
}

async function runConcurrently(
  concurrency: number,
  amount: number,
  work: () => Promise<unknown>,
): Promise<{ latencies: number[]; failed: number }> {
  const latencies: number[] = [];
  let failed = 0;
  let issued = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < amount) {
        issued += 1;
        const t0 = performance.now();
        try {
          await work();
          latencies.push(performance.now() - t0);
        } catch {
          failed += 1;
        }
      }
    }),
  );
  return { latencies, failed };
}

function describe(result: ApiResult, report: Report): void {
  const { options } = result;
  report.text(
    `\`POST /v1/exchanges\` (${options.participants} in-app participants, ${OFFSETS.length} reminder offsets: every exchange starts a workflow that plans ${OFFSETS.length * options.participants} reminder rows) ` +
      `with autocannon, ${fmt(options.requests)} requests per level (at least 20 per connection). After each level the bench waits until the worker has planned every accepted exchange (\`catch-up\`), so no backlog leaks into the next level. ` +
      "Baseline: a bare `@temporalio/client` starting the same number of trivial workflows at the same concurrency on a fresh dev server of its own, started as the stack's was (no worker needed to start).",
  );
  const bareAt = new Map(result.bare.map((l) => [l.concurrency, l]));
  report.table({
    title: 'POST /v1/exchanges vs bare Temporal workflow starts',
    headers: [
      'concurrency',
      'API req/s',
      'API p50 ms',
      'API p99 ms',
      'errors',
      'worker catch-up s',
      'bare starts/s',
      'bare p50 ms',
      'bare p99 ms',
      'API / bare',
    ],
    rows: result.api.map((l) => {
      const bare = bareAt.get(l.concurrency);
      return [
        fmt(l.concurrency),
        fmt(l.rate, 1),
        fmt(l.p50, 1),
        fmt(l.p99, 1),
        fmt(l.failed),
        fmt(l.catchUp, 1),
        fmt(bare?.rate, 1),
        fmt(bare?.p50, 1),
        fmt(bare?.p99, 1),
        bare ? `${fmt((l.rate / bare.rate) * 100, 0)}%` : '–',
      ];
    }),
  });
  const ours = knee(result.api);
  const rows = [
    ['API knee', `${ours.concurrency} connections: ${fmt(ours.rate, 1)} req/s, p50 ${fmt(ours.p50, 1)} ms, p99 ${fmt(ours.p99, 1)} ms`],
    ...(['api', 'worker', 'notifier'] as const).map((name) => [`${name} peak RSS (MiB)`, fmt(result.memory.peak[name] / MiB)]),
  ];
  if (result.bare.length > 0) {
    const bare = knee(result.bare);
    rows.splice(1, 0, [
      'bare Temporal knee',
      `${bare.concurrency} concurrent: ${fmt(bare.rate, 1)} starts/s, p50 ${fmt(bare.p50, 1)} ms, p99 ${fmt(bare.p99, 1)} ms`,
    ]);
    rows.splice(2, 0, ['API rate / bare rate (knees)', `${fmt((ours.rate / bare.rate) * 100, 1)}%`]);
  }
  report.table({ title: 'At the knee', headers: ['', ''], rows, leftColumns: 2 });
  if (ours.cpu) {
    report.table({
      title: `Where the CPU went at the knee (${ours.concurrency} connections, the level and its catch-up: ${fmt(ours.cpu.wallSeconds, 1)} s)`,
      headers: CPU_HEADERS,
      rows: cpuRows(ours.cpu.use, ours.cpu.wallSeconds),
    });
  }
  const curve = (levels: Level[], value: (l: Level) => number): Array<[number, number]> => levels.map((l) => [l.concurrency, value(l)]);
  report.chart('api-rate', {
    title: 'Throughput by concurrency',
    xLabel: 'concurrent requests',
    yLabel: 'per second',
    logX: true,
    series: [
      { name: 'POST /v1/exchanges', points: curve(result.api, (l) => l.rate) },
      ...(result.bare.length ? [{ name: 'bare Temporal workflow start', points: curve(result.bare, (l) => l.rate) }] : []),
    ],
  });
  report.chart('api-latency', {
    title: 'Latency p99 by concurrency',
    xLabel: 'concurrent requests',
    yLabel: 'p99 latency (ms)',
    logX: true,
    series: [
      { name: 'POST /v1/exchanges', points: curve(result.api, (l) => l.p99) },
      ...(result.bare.length ? [{ name: 'bare Temporal workflow start', points: curve(result.bare, (l) => l.p99) }] : []),
    ],
    marks: [{ y: 150, label: 'target p99 ≤ 150 ms' }],
  });
}

/** The benchmark as the repeats and bench:compare run it. */
export function apiSection(options: ApiOptions): Section<ApiResult> {
  return { title: 'API throughput', run: (report) => runApi(options, report), figures: apiFigures };
}

async function main(): Promise<void> {
  const flags = parseFlags('bench:api', { ...API_DEFAULTS, runs: RUNS_DEFAULT }, { ...HELP, runs: RUNS_HELP });
  const report = new Report('Liaison benchmark: API throughput');
  await measureRuns(apiSection(flags), flags.runs, report);
  if (flags.report) process.stdout.write(`\nreport: ${report.writeResult('api')}\n`);
}

if (require.main === module) {
  main()
    .catch(async (error: unknown) => {
      process.stderr.write(`\nbench:api failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
      await stopAll();
    })
    .finally(() => closeTemporal());
}
