import { LoadRecord, recordLoad } from './load';
import { Report } from './report';
import { prepare } from './stack';
import { fmt } from './stats';

/**
 * A section measured several times: one run's figures move with whatever else the machine does,
 * so each section runs N times (`--runs`, default 3), each run on fresh stacks with their own
 * Temporal dev servers, and each key figure is reported as the median with the lowest and highest
 * run beside it. Targets are judged on the median.
 */
export const RUNS_DEFAULT = 3;
export const RUNS_HELP = 'times the whole section runs, each on fresh stacks; figures are the median (min–max)';

/** A key figure of one run. */
export interface Figure {
  /** What it is, with its unit: `spread: lateness p99 (ms)`. */
  name: string;
  value: number;
  decimals?: number;
  /** A target of the issue, judged on the median: its text, and whether a value meets it. */
  target?: { text: string; met: (value: number) => boolean; unit?: string };
}

/** A benchmark as the repeats and bench:compare run it. */
export interface Section<R> {
  title: string;
  /** One whole run on fresh stacks, its tables and charts into `report`. */
  run: (report: Report) => Promise<R>;
  /** Its key figures; the first is the one the median run (shown in detail) is chosen by. */
  figures: (result: R) => Figure[];
}

export interface Run<R> {
  result: R;
  figures: Figure[];
  load: LoadRecord;
  /** Its own tables and charts (not printed as they came). */
  report: Report;
}

/** The machine's load, then one run of the section. */
export async function measureOnce<R>(section: Section<R>, label: string): Promise<Run<R>> {
  const load = await recordLoad(label);
  process.stderr.write(`[bench] ${label}\n`);
  const report = new Report('', false);
  const result = await section.run(report);
  return { result, figures: section.figures(result), load, report };
}

/** `runs` runs of the section, then their figures (median and spread), targets and the median run in detail. */
export async function measureRuns<R>(section: Section<R>, runs: number, report: Report): Promise<Array<Run<R>>> {
  checkRuns(runs);
  // The build first: it is not to run while the machine's load is sampled.
  prepare();
  const done: Array<Run<R>> = [];
  for (let i = 1; i <= runs; i++) done.push(await measureOnce(section, `${section.title}, run ${i} of ${runs}`));
  describeRuns(section.title, done, report);
  return done;
}

export function checkRuns(runs: number): void {
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, not ${runs}`);
}

export function describeRuns<R>(title: string, runs: Array<Run<R>>, report: Report): void {
  report.heading(title);
  runs.forEach((run, i) => report.load(`${title.toLowerCase()}, run ${i + 1}`, run.load));
  report.text(
    `${runs.length} run${runs.length === 1 ? '' : 's'}, each on fresh stacks with a Temporal dev server of their own (a new SQLite file) started for it. ` +
      "Each figure is the median of the runs, the lowest and highest run in brackets; the targets are judged on the median. The machine's load before each run is in the machine table.",
  );
  const names = runs[0].figures.map((f) => f.name);
  const valuesOf = (name: string) => runs.map((run) => run.figures.find((f) => f.name === name)?.value ?? NaN);
  const decimalsOf = (name: string) => runs[0].figures.find((f) => f.name === name)?.decimals ?? 0;
  report.table({
    title: `${title}: key figures, median (min–max) of ${runs.length} run${runs.length === 1 ? '' : 's'}`,
    headers: ['', 'median (min–max)'],
    rows: names.map((name) => [name, spread(valuesOf(name), decimalsOf(name))]),
  });
  const targets = runs[0].figures.filter((f) => f.target);
  if (targets.length > 0) {
    report.table({
      title: 'Targets',
      headers: ['target', 'measured', 'met'],
      rows: targets.map(({ name, target }) => {
        const values = valuesOf(name);
        const unit = target!.unit ? ` ${target!.unit}` : '';
        return [target!.text, `${spread(values, decimalsOf(name))}${unit}`, target!.met(median(values)) ? 'yes' : 'NO'];
      }),
    });
  }
  if (runs.length > 1) {
    report.table({
      title: 'Each run',
      headers: ['', ...runs.map((_, i) => `run ${i + 1}`)],
      rows: [
        ...names.map((name) => [name, ...valuesOf(name).map((v) => fmt(v, decimalsOf(name)))]),
        ['machine busy before (% of all cores)', ...runs.map((run) => fmt(run.load.busy * 100))],
      ],
    });
  }
  // The run whose first figure is the median (the lower middle one of an even number), in detail.
  const order = runs.map((run, i) => ({ i, value: run.figures[0]?.value ?? 0 })).sort((a, b) => a.value - b.value);
  const middle = order[Math.floor((order.length - 1) / 2)].i;
  if (runs.length > 1) {
    report.heading(`${title}: run ${middle + 1} in detail (the median run by ${names[0]})`, 3);
  }
  // Its own headings are replaced by the ones above; its targets are judged above, on the median.
  report.append(runs[middle].report, (part) => typeof part !== 'string' || !part.startsWith('#'));
}

export function median(values: number[]): number {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
}

/** `2,235 (2,100–2,400)`; only the figure when the runs agree (or there is one). */
export function spread(values: number[], decimals = 0): string {
  const known = values.filter((v) => !Number.isNaN(v));
  if (known.length === 0) return '–';
  const [low, high] = [Math.min(...known), Math.max(...known)];
  const middle = fmt(median(known), decimals);
  return fmt(low, decimals) === fmt(high, decimals) ? middle : `${middle} (${fmt(low, decimals)}–${fmt(high, decimals)})`;
}
