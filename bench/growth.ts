import { numberList, parseFlags } from './lib/args';
import { Report } from './lib/report';
import { PROCESS_NAMES, stopAll } from './lib/stack';
import { fmt, growthVerdict, MiB } from './lib/stats';
import { closeTemporal } from './lib/temporal';
import { API_DEFAULTS, runApi } from './api';
import { REMINDER_DEFAULTS, runReminders } from './reminders';

/**
 * Cost growth: the reminder pipeline and the API at three sizes each, every size on a fresh stack,
 * and whether time and memory grow linearly with the work (least-squares fit, and the cost per
 * unit of work at the largest size against the smallest).
 */
export interface GrowthOptions {
  reminderSizes: string;
  apiSizes: string;
  apiConcurrency: number;
}

export const GROWTH_DEFAULTS: GrowthOptions = { reminderSizes: '1250,2500,5000', apiSizes: '500,1000,2000', apiConcurrency: 8 };

const HELP: Record<keyof GrowthOptions, string> = {
  reminderSizes: 'reminders per wave (spread and burst) of each reminder run',
  apiSizes: 'requests of each API run',
  apiConcurrency: 'connections of the API runs',
};

interface Point {
  size: number;
  /** Seconds, by what was timed. */
  times: Record<string, number>;
  /** Peak resident memory of each process (bytes). */
  memory: Record<string, number>;
}

export async function runGrowth(options: GrowthOptions, report: Report): Promise<void> {
  report.heading('Cost growth');
  const reminderPoints: Point[] = [];
  for (const size of numberList(options.reminderSizes, 'reminderSizes')) {
    process.stderr.write(`[bench] growth: reminders, ${fmt(size)} per wave\n`);
    const run = await runReminders({ ...REMINDER_DEFAULTS, reminders: size, burst: size, baseline: 0 }, new Report('', false));
    reminderPoints.push({
      size,
      times: {
        'creating the exchanges': run.creationSeconds,
        'draining the burst (due → last sent)': (run.pipeline.burst?.lateness.max ?? NaN) / 1000,
      },
      memory: { ...run.memory.peak },
    });
  }
  const apiPoints: Point[] = [];
  for (const size of numberList(options.apiSizes, 'apiSizes')) {
    process.stderr.write(`[bench] growth: API, ${fmt(size)} requests\n`);
    const run = await runApi(
      { ...API_DEFAULTS, levels: String(options.apiConcurrency), requests: size, baseline: 0 },
      new Report('', false),
    );
    const level = run.api[0];
    apiPoints.push({
      size,
      times: { 'serving the requests': level.ok / level.rate, 'worker catch-up after them': level.catchUp ?? NaN },
      memory: { ...run.memory.peak },
    });
  }
  report.text(
    'Each size runs on a fresh stack (empty database and queue). Reminder runs: the spread and the burst wave of the reminder benchmark at that size, pipeline only. ' +
      `API runs: that many \`POST /v1/exchanges\` at ${options.apiConcurrency} connections, then the wait until the worker has planned them all. ` +
      'Growth is called linear when a straight line fits the points (R² ≥ 0.95) and the cost per unit of work at the largest size is within 1.5× that at the smallest; sub-linear when the cost grows by less than a quarter of the work.',
  );
  describeSeries(report, 'Reminder pipeline', 'reminders per wave', reminderPoints);
  describeSeries(report, 'API', 'requests', apiPoints);
}

function describeSeries(report: Report, name: string, unit: string, points: Point[]): void {
  const timeNames = Object.keys(points[0].times);
  report.table({
    title: `${name}: time and peak resident memory by size`,
    headers: [unit, ...timeNames.map((t) => `${t} (s)`), ...PROCESS_NAMES.map((p) => `${p} MiB`)],
    rows: points.map((p) => [
      fmt(p.size),
      ...timeNames.map((t) => fmt(p.times[t], 1)),
      ...PROCESS_NAMES.map((n) => fmt(p.memory[n] / MiB)),
    ]),
  });
  report.table({
    title: `${name}: how each cost grows`,
    headers: ['cost', 'growth'],
    rows: [
      ...timeNames.map((t) => [`${t} (time)`, growthVerdict(points.map((p) => [p.size, p.times[t]]))]),
      ...PROCESS_NAMES.map((n) => [`${n} peak RSS (memory)`, growthVerdict(points.map((p) => [p.size, p.memory[n]]))]),
    ],
    leftColumns: 2,
  });
  const id = name.toLowerCase().replace(/\W+/g, '-');
  report.chart(`growth-${id}-time`, {
    title: `${name}: time by size`,
    xLabel: unit,
    yLabel: 'seconds',
    series: timeNames.map((t) => ({ name: t, points: points.map((p): [number, number] => [p.size, p.times[t]]) })),
  });
  report.chart(`growth-${id}-memory`, {
    title: `${name}: peak resident memory by size`,
    xLabel: unit,
    yLabel: 'MiB',
    series: PROCESS_NAMES.map((n) => ({ name: n, points: points.map((p): [number, number] => [p.size, p.memory[n] / MiB]) })),
  });
}

async function main(): Promise<void> {
  const flags = parseFlags('bench:growth', { ...GROWTH_DEFAULTS }, HELP);
  const report = new Report('Liaison benchmark: cost growth');
  await runGrowth(flags, report);
  if (flags.report) process.stdout.write(`\nreport: ${report.writeResult('growth')}\n`);
}

if (require.main === module) {
  main()
    .catch(async (error: unknown) => {
      process.stderr.write(`\nbench:growth failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
      await stopAll();
    })
    .finally(() => closeTemporal());
}
