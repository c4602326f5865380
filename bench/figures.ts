import type { ApiResult, Level } from './api';
import type { EventResult } from './events';
import type { Figure } from './lib/repeat';
import { fmt, MiB } from './lib/stats';
import type { ReminderResult } from './reminders';
import type { ScaleResult } from './scale';

/**
 * The key figures of each benchmark, as the repeats (median and spread) and bench:compare (A, B and
 * their ratio) report them, with the targets of the issues judged on them. Only types come from the
 * benchmarks' own files, so that each of them can import this one.
 */

/** Events after which a series run continues as new (SERIES_HISTORY_LIMIT in libs/series/src/series.service.ts). */
export const HISTORY_LIMIT = 2000;

/** Issue 23's goals at scale: 10,000 monthly series materialised within 600 s, the worker's peak within 600 MiB. */
const MATERIALISE_GOAL = { seconds: 600, series: 10_000 };
export const WORKER_PEAK_MIB = 600;

const atMost = (limit: number) => (value: number) => value <= limit;
const none = (value: number) => value === 0;

export function reminderFigures(result: ReminderResult): Figure[] {
  const { spread, burst } = result.pipeline;
  const bare = result.bare;
  const lost = (spread?.lost ?? 0) + (burst?.lost ?? 0);
  const duplicated = (spread?.duplicated ?? 0) + (burst?.duplicated ?? 0) + (result.extraDeliveries ?? 0);
  const figures: Figure[] = [
    {
      name: 'spread: lateness p99 (ms)',
      value: spread?.lateness.p99 ?? NaN,
      target: { text: 'lateness p99 ≤ 1 s', met: atMost(1000), unit: 'ms' },
    },
    { name: 'spread: lateness p50 (ms)', value: spread?.lateness.p50 ?? NaN },
    { name: 'spread: lateness p95 (ms)', value: spread?.lateness.p95 ?? NaN },
    {
      name: 'spread: lateness max (ms)',
      value: spread?.lateness.max ?? NaN,
      target: { text: 'lateness max ≤ 2 s', met: atMost(2000), unit: 'ms' },
    },
    { name: 'spread: throughput (reminders/s)', value: spread?.throughput ?? NaN, decimals: 1 },
  ];
  if (burst) {
    figures.push(
      { name: 'burst: throughput (reminders/s)', value: burst.throughput, decimals: 1 },
      { name: 'burst: last sent after the due time (ms)', value: burst.lateness.max },
    );
  }
  if (bare.spread) figures.push({ name: 'bare BullMQ, spread: lateness p99 (ms)', value: bare.spread.lateness.p99 });
  if (bare.burst) figures.push({ name: 'bare BullMQ, burst: throughput (reminders/s)', value: bare.burst.throughput, decimals: 1 });
  if (burst && bare.burst) {
    figures.push({
      name: 'burst throughput, % of bare BullMQ',
      value: (burst.throughput / bare.burst.throughput) * 100,
      decimals: 1,
      target: { text: 'throughput ≥ 50% of bare BullMQ (burst)', met: (v) => v >= 50, unit: '%' },
    });
  }
  figures.push(
    { name: 'exchanges created and planned per second', value: result.creationRate, decimals: 1 },
    { name: 'lost', value: lost, target: { text: '0 lost', met: none } },
    { name: 'duplicated', value: duplicated, target: { text: '0 duplicated', met: none } },
    { name: 'notifier peak RSS (MiB)', value: result.memory.peak.notifier / MiB },
  );
  return figures;
}

/** The lowest concurrency that reaches 95% of the best rate: past it, more connections only add latency. */
export function knee(levels: Level[]): Level {
  const best = Math.max(...levels.map((l) => l.rate));
  return levels.find((l) => l.rate >= 0.95 * best)!;
}

export function apiFigures(result: ApiResult): Figure[] {
  const ours = knee(result.api);
  const figures: Figure[] = [
    { name: 'API knee: requests/s', value: ours.rate, decimals: 1 },
    {
      name: 'API knee: p99 (ms)',
      value: ours.p99,
      decimals: 1,
      target: { text: 'p99 ≤ 150 ms at that rate', met: atMost(150), unit: 'ms' },
    },
    { name: 'API knee: connections', value: ours.concurrency },
  ];
  if (result.bare.length > 0) {
    const bare = knee(result.bare);
    figures.push(
      { name: 'bare Temporal knee: starts/s', value: bare.rate, decimals: 1 },
      {
        name: 'API rate / bare rate at the knees (%)',
        value: (ours.rate / bare.rate) * 100,
        decimals: 1,
        target: { text: '≥ 80% of the bare start rate', met: (v) => v >= 80, unit: '%' },
      },
      {
        name: 'API knee p99 / bare knee p99',
        value: ours.p99 / bare.p99,
        decimals: 2,
        target: { text: 'p99 at the knee ≤ 1.3 × the bare one', met: atMost(1.3), unit: '×' },
      },
    );
    // What one create costs besides its workflow start, where nothing queues: one connection each.
    const single = result.api.find((l) => l.concurrency === 1);
    const bareSingle = result.bare.find((l) => l.concurrency === 1);
    if (single && bareSingle) {
      figures.push({
        name: 'p50 at 1 connection over a bare start (ms)',
        value: single.p50 - bareSingle.p50,
        decimals: 1,
        target: { text: 'p50 at 1 connection ≤ a bare start + 8 ms', met: atMost(8), unit: 'ms' },
      });
    }
  }
  for (const level of result.api) {
    figures.push(
      { name: `${level.concurrency} connections: requests/s`, value: level.rate, decimals: 1 },
      { name: `${level.concurrency} connections: p50 (ms)`, value: level.p50, decimals: 1 },
      { name: `${level.concurrency} connections: p99 (ms)`, value: level.p99, decimals: 1 },
    );
  }
  figures.push({ name: 'errors', value: result.api.reduce((sum, l) => sum + l.failed, 0), target: { text: 'no errors', met: none } });
  return figures;
}

export function scaleFigures(result: ScaleResult): Figure[] {
  const series = result.options.series;
  const materialiseLimit = (MATERIALISE_GOAL.seconds * series) / MATERIALISE_GOAL.series;
  const perGoal = ` (${fmt(MATERIALISE_GOAL.seconds)} s per ${fmt(MATERIALISE_GOAL.series)} series)`;
  const figures: Figure[] = [
    {
      name: 'materialised after (s)',
      value: result.materialiseSeconds,
      decimals: 1,
      target: {
        text: `everything materialised ≤ ${fmt(materialiseLimit)} s${series === MATERIALISE_GOAL.series ? '' : perGoal}`,
        met: atMost(materialiseLimit),
        unit: 's',
      },
    },
    { name: 'series created in (s)', value: result.creationSeconds, decimals: 1 },
    {
      name: 'worker peak RSS (MiB)',
      value: result.memory.peak.worker / MiB,
      target: { text: `worker RSS ≤ ${WORKER_PEAK_MIB} MiB`, met: atMost(WORKER_PEAK_MIB), unit: 'MiB peak' },
    },
    { name: 'api peak RSS (MiB)', value: result.memory.peak.api / MiB },
    { name: 'notifier peak RSS (MiB)', value: result.memory.peak.notifier / MiB },
    { name: 'database size (MiB)', value: result.databaseBytes / MiB, decimals: 1 },
    { name: 'series workflow history p50 (events)', value: result.seriesHistory.p50 },
    { name: 'exchange workflow history p50 (events)', value: result.exchangeHistory.p50 },
  ];
  const years = result.years;
  if (years) {
    figures.push(
      { name: 'history events per simulated month', value: years.eventsPerCycle, decimals: 1 },
      {
        name: 'runs per series, max (continue-as-new + 1)',
        value: years.runsPerSeries.max,
        target: { text: 'the series continued as new (≥ 2 runs; else simulate more years)', met: (v) => v >= 2 },
      },
      {
        name: 'longest history of any run (events)',
        value: years.maxRunHistory,
        target: { text: 'history per series run bounded', met: atMost(HISTORY_LIMIT * 1.1), unit: 'events' },
      },
    );
  }
  return figures;
}

export function eventFigures(result: EventResult): Figure[] {
  const { pipeline, bare, options } = result;
  const offered = (v: number) => v >= options.rate * 0.95;
  const figures: Figure[] = [
    {
      name: 'lateness p99 (ms)',
      value: pipeline.lateness.p99,
      target: { text: `lateness p99 ≤ 1 s at ${options.rate} events/s`, met: atMost(1000), unit: 'ms' },
    },
    { name: 'lateness p50 (ms)', value: pipeline.lateness.p50 },
    { name: 'lateness max (ms)', value: pipeline.lateness.max },
    { name: 'relay lag p99 (ms)', value: pipeline.relayLag?.p99 ?? NaN },
    {
      name: 'relayed per second',
      value: pipeline.relayedRate ?? NaN,
      decimals: 1,
      target: { text: `relayed at the offered rate (≥ 95% of ${options.rate}/s)`, met: offered, unit: '/s' },
    },
    {
      name: 'delivered per second',
      value: pipeline.throughput,
      decimals: 1,
      target: { text: `delivered at the offered rate (≥ 95% of ${options.rate}/s)`, met: offered, unit: '/s' },
    },
    { name: 'lost', value: pipeline.lost, target: { text: '0 lost', met: none } },
    { name: 'duplicates received', value: pipeline.duplicates },
    {
      name: 'lanes out of order',
      value: pipeline.outOfOrderLanes ?? NaN,
      target: { text: 'every lane in order', met: none, unit: 'lanes out of order' },
    },
  ];
  if (bare) {
    figures.push(
      { name: 'bare BullMQ: lateness p99 (ms)', value: bare.lateness.p99 },
      { name: 'bare BullMQ: delivered per second', value: bare.throughput, decimals: 1 },
    );
  }
  return figures;
}
