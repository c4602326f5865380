import { DateTime } from 'luxon';
import { HISTORY_LIMIT, scaleFigures, WORKER_PEAK_MIB } from './figures';
import { parseFlags } from './lib/args';
import { call, Cast, createCast } from './lib/liaison';
import { pool, Progress, sleep } from './lib/progress';
import { measureRuns, RUNS_DEFAULT, RUNS_HELP, Section } from './lib/repeat';
import { Report } from './lib/report';
import { BenchStack, MemoryTrace, PROCESS_NAMES, stopAll, withDatabase } from './lib/stack';
import { fmt, MiB, summarize } from './lib/stats';
import { closeTemporal, temporalClient } from './lib/temporal';

/**
 * Scale: S active series (monthly, horizon 2, 4 reminder offsets, 3 in-app participants) made
 * through the API; how long until every occurrence and reminder row exists, how many rows that is,
 * the resident memory of each process, and Temporal history per workflow. Then "simulated years"
 * on a sample of series: each pause + resume pair runs the series loop once more (the
 * materialisation activity and a new timer, as a monthly wake-up does) plus two Updates and their
 * activity, so it adds more history than a month does; 12 pairs stand for a year.
 */
export interface ScaleOptions {
  series: number;
  sample: number;
  years: number;
}

export const SCALE_DEFAULTS: ScaleOptions = { series: 10_000, sample: 10, years: 20 };

export const HELP: Record<keyof ScaleOptions, string> = {
  series: 'active series to create',
  sample: 'series driven through simulated years',
  years: 'simulated years (12 pause + resume pairs each)',
};

const OFFSETS = ['P14D', 'P7D', 'P1D', 'PT1H'];
const PARTICIPANTS = 3;
const HORIZON = 2;
const CREATE_CONCURRENCY = 8;
/** A materialisation that makes no progress for this long is given up (and reported as such). */
const STALL_LIMIT_MS = 180_000;

export interface ScaleResult {
  options: ScaleOptions;
  creationSeconds: number;
  materialiseSeconds: number;
  exchanges: { expected: number; made: number };
  reminders: { expected: number; made: number };
  rows: Array<[string, number]>;
  databaseBytes: number;
  memory: MemoryTrace;
  seriesHistory: ReturnType<typeof summarize>;
  exchangeHistory: ReturnType<typeof summarize>;
  years: YearsResult | null;
}

interface YearsResult {
  cycles: number;
  runsPerSeries: ReturnType<typeof summarize>;
  maxRunHistory: number;
  eventsPerCycle: number;
  /** History of the current run of the first sampled series, at the end of each simulated year. */
  trace: Array<[number, number]>;
}

export async function runScale(options: ScaleOptions, report: Report): Promise<ScaleResult> {
  report.heading('Scale');
  const stack = await BenchStack.start();
  try {
    const cast = await createCast(stack, PARTICIPANTS);
    const started = Date.now();
    const bar = new Progress('creating series', options.series);
    const seriesIds = await pool(
      Array.from({ length: options.series }, (_, i) => i),
      CREATE_CONCURRENCY,
      async (i) => (await call<{ id: string }>(stack, 'POST', '/v1/series', cast.coordinatorToken, seriesBody(cast, i))).id,
      bar,
    );
    bar.stop();
    const creationSeconds = (Date.now() - started) / 1000;
    const expected = { exchanges: options.series * HORIZON, reminders: options.series * HORIZON * OFFSETS.length * PARTICIPANTS };
    const made = await waitMaterialised(expected);
    const materialiseSeconds = (Date.now() - started) / 1000;
    const memory = stack.memoryTrace();
    const { rows, databaseBytes } = await databaseSize();
    const client = await temporalClient();
    const seriesHistory = summarize(await historyLengths(client, "WorkflowType = 'seriesWorkflow'", stack.taskQueue));
    const exchangeHistory = summarize(await historyLengths(client, "WorkflowType = 'exchangeWorkflow'", stack.taskQueue));
    const years =
      options.sample > 0 && options.years > 0 ? await simulateYears(stack, cast, seriesIds.slice(0, options.sample), options.years) : null;
    const result: ScaleResult = {
      options,
      creationSeconds,
      materialiseSeconds,
      exchanges: { expected: expected.exchanges, made: made.exchanges },
      reminders: { expected: expected.reminders, made: made.reminders },
      rows,
      databaseBytes,
      memory,
      seriesHistory,
      exchangeHistory,
      years,
    };
    describe(result, report);
    return result;
  } finally {
    await stack.stop();
  }
}

/** Series `i`: monthly on day 1-28 (spread), at 08:00-17:00 Brussels, from next month. */
function seriesBody(cast: Cast, i: number): object {
  const dtstart = DateTime.now()
    .setZone('Europe/Brussels')
    .plus({ months: 1 })
    .set({ day: (i % 28) + 1, hour: 8 + (i % 10), minute: 0, second: 0, millisecond: 0 });
  return {
    title: `Bench series ${i}`,
    level: 'working',
    areas: ['POC'],
    organizations: cast.organizations,
    hostRotation: cast.organizations,
    rrule: `FREQ=MONTHLY;BYMONTHDAY=${(i % 28) + 1}`,
    dtstart: dtstart.toFormat("yyyy-MM-dd'T'HH:mm"),
    timezone: 'Europe/Brussels',
    durationMinutes: 60,
    participantIds: cast.participantIds,
    reminderOffsets: OFFSETS,
    horizon: HORIZON,
  };
}

async function waitMaterialised(expected: { exchanges: number; reminders: number }): Promise<{ exchanges: number; reminders: number }> {
  const bar = new Progress('materialising occurrences', expected.reminders, 'reminder rows');
  let last = { exchanges: -1, reminders: -1 };
  let progressedAt = Date.now();
  try {
    while (true) {
      const { rows } = await withDatabase((db) =>
        db.query<{ exchanges: number; reminders: number }>(
          'SELECT (SELECT count(*) FROM exchanges)::int AS exchanges, (SELECT count(*) FROM reminders)::int AS reminders',
        ),
      );
      const now = rows[0];
      bar.update(now.reminders, `${fmt(now.exchanges)}/${fmt(expected.exchanges)} exchanges`);
      if (now.exchanges >= expected.exchanges && now.reminders >= expected.reminders) return now;
      if (now.exchanges !== last.exchanges || now.reminders !== last.reminders) progressedAt = Date.now();
      if (Date.now() - progressedAt > STALL_LIMIT_MS) return now;
      last = now;
      await sleep(1000);
    }
  } finally {
    bar.stop();
  }
}

async function databaseSize(): Promise<{ rows: Array<[string, number]>; databaseBytes: number }> {
  return withDatabase(async (db) => {
    const tables = await db.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const rows: Array<[string, number]> = [];
    for (const { name } of tables.rows) {
      const { rows: count } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
      if (count[0].n > 0) rows.push([name, count[0].n]);
    }
    const size = await db.query<{ bytes: string }>('SELECT pg_database_size(current_database()) AS bytes');
    return { rows: rows.sort((a, b) => b[1] - a[1]), databaseBytes: Number(size.rows[0].bytes) };
  });
}

/** History length of up to 50 workflows of the run matching `query` (visibility lists do not carry it: each is described). */
async function historyLengths(client: Awaited<ReturnType<typeof temporalClient>>, query: string, taskQueue: string): Promise<number[]> {
  const lengths: number[] = [];
  for await (const execution of client.workflow.list({ query: `${query} AND TaskQueue = '${taskQueue}'`, pageSize: 50 })) {
    lengths.push((await client.workflow.getHandle(execution.workflowId, execution.runId).describe()).historyLength);
    if (lengths.length >= 50) break;
  }
  return lengths;
}

async function simulateYears(stack: BenchStack, cast: Cast, seriesIds: string[], years: number): Promise<YearsResult> {
  const cycles = years * 12;
  const client = await temporalClient();
  const trace: Array<[number, number]> = [[0, (await client.workflow.getHandle(`series-${seriesIds[0]}`).describe()).historyLength]];
  const bar = new Progress('simulated months (pause + resume)', cycles * seriesIds.length);
  await Promise.all(
    seriesIds.map(async (id, n) => {
      for (let cycle = 1; cycle <= cycles; cycle++) {
        await call(stack, 'POST', `/v1/series/${id}/pause`, cast.coordinatorToken);
        await call(stack, 'POST', `/v1/series/${id}/resume`, cast.coordinatorToken);
        bar.increment();
        if (n === 0 && cycle % 12 === 0)
          trace.push([cycle / 12, (await client.workflow.getHandle(`series-${id}`).describe()).historyLength]);
      }
    }),
  );
  bar.stop();
  // Let the last runs settle (a continue-as-new in flight) before counting.
  await sleep(2000);
  const runs: number[] = [];
  let maxRunHistory = 0;
  let totalEvents = 0;
  for (const id of seriesIds) {
    let count = 0;
    for await (const run of client.workflow.list({ query: `WorkflowId = 'series-${id}'` })) {
      count += 1;
      const { historyLength } = await client.workflow.getHandle(run.workflowId, run.runId).describe();
      maxRunHistory = Math.max(maxRunHistory, historyLength);
      totalEvents += historyLength;
    }
    runs.push(count);
  }
  return { cycles, runsPerSeries: summarize(runs), maxRunHistory, eventsPerCycle: totalEvents / (cycles * seriesIds.length), trace };
}

function describe(result: ScaleResult, report: Report): void {
  const { options } = result;
  report.text(
    `${fmt(options.series)} active series (monthly, horizon ${HORIZON}, offsets ${OFFSETS.join(', ')}, ${PARTICIPANTS} in-app participants) created through \`POST /v1/series\`, ` +
      `${CREATE_CONCURRENCY} at a time; each series workflow materialises its next ${HORIZON} occurrences as exchanges, each exchange workflow plans ${OFFSETS.length * PARTICIPANTS} reminder rows.`,
  );
  report.table({
    title: `${fmt(options.series)} series`,
    headers: ['', 'value'],
    rows: [
      ['series created (s)', fmt(result.creationSeconds, 1)],
      ['creation rate (series/s)', fmt(options.series / result.creationSeconds, 1)],
      ['time to materialise everything, from the first POST (s)', fmt(result.materialiseSeconds, 1)],
      ['exchanges made / expected', `${fmt(result.exchanges.made)} / ${fmt(result.exchanges.expected)}`],
      ['reminder rows made / expected', `${fmt(result.reminders.made)} / ${fmt(result.reminders.expected)}`],
      ['database size (MiB)', fmt(result.databaseBytes / MiB, 1)],
      ...PROCESS_NAMES.map((name) => [
        `${name} RSS peak / at the end (MiB)`,
        `${fmt(result.memory.peak[name] / MiB)} / ${fmt(result.memory.last[name] / MiB)}`,
      ]),
      ['series workflow history (events, p50 / max of 50)', `${fmt(result.seriesHistory.p50)} / ${fmt(result.seriesHistory.max)}`],
      ['exchange workflow history (events, p50 / max of 50)', `${fmt(result.exchangeHistory.p50)} / ${fmt(result.exchangeHistory.max)}`],
    ],
  });
  report.table({ title: 'Postgres rows', headers: ['table', 'rows'], rows: result.rows.map(([name, n]) => [name, fmt(n)]) });
  const years = result.years;
  if (years) {
    report.table({
      title: `${options.years} simulated years on ${fmt(options.sample)} series (${fmt(years.cycles)} pause + resume pairs each)`,
      headers: ['', 'value'],
      rows: [
        ['history events per simulated month', fmt(years.eventsPerCycle, 1)],
        ['runs per series (continue-as-new + 1), min / max', `${fmt(years.runsPerSeries.min)} / ${fmt(years.runsPerSeries.max)}`],
        ['longest history of any run (events)', fmt(years.maxRunHistory)],
        ['history limit of a run (SERIES_HISTORY_LIMIT)', fmt(HISTORY_LIMIT)],
      ],
    });
  }
  const samples = result.memory.samples;
  report.chart('scale-memory', {
    title: `Resident memory while ${fmt(options.series)} series materialise`,
    xLabel: 'minutes since the stack started',
    yLabel: 'RSS (MiB)',
    series: PROCESS_NAMES.map((name) => ({ name, points: samples.map((s): [number, number] => [s.atMs / 60_000, s[name] / MiB]) })),
    marks: [{ y: WORKER_PEAK_MIB, label: `target: worker ≤ ${WORKER_PEAK_MIB} MiB` }],
  });
  if (years) {
    report.chart('scale-history', {
      title: 'History of the current run of one series, by simulated year',
      xLabel: 'simulated years',
      yLabel: 'history events',
      series: [{ name: `series (limit ${HISTORY_LIMIT} events per run)`, points: years.trace }],
      marks: [{ y: HISTORY_LIMIT, label: 'continue-as-new limit' }],
    });
  }
}

/** The benchmark as the repeats and bench:compare run it. */
export function scaleSection(options: ScaleOptions): Section<ScaleResult> {
  return { title: 'Scale', run: (report) => runScale(options, report), figures: scaleFigures };
}

async function main(): Promise<void> {
  const flags = parseFlags('bench:scale', { ...SCALE_DEFAULTS, runs: RUNS_DEFAULT }, { ...HELP, runs: RUNS_HELP });
  const report = new Report('Liaison benchmark: scale');
  await measureRuns(scaleSection(flags), flags.runs, report);
  if (flags.report) process.stdout.write(`\nreport: ${report.writeResult('scale')}\n`);
}

if (require.main === module) {
  main()
    .catch(async (error: unknown) => {
      process.stderr.write(`\nbench:scale failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
      await stopAll();
    })
    .finally(() => closeTemporal());
}
