import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFlags } from './lib/args';
import { DEFAULT_BUILD_DIR } from './lib/build';
import { describeLoad } from './lib/load';
import { checkRuns, measureOnce, median, Run, RUNS_DEFAULT, spread } from './lib/repeat';
import { Report } from './lib/report';
import { prepare, stopAll, useBuild } from './lib/stack';
import { fmt } from './lib/stats';
import { closeTemporal } from './lib/temporal';
import { ROOT } from './lib/paths';
import { SECTIONS } from './sections';

/**
 * One section on two builds in one run, A, B, A, B … (each run on fresh stacks with their own
 * Temporal dev server), so that a change is judged on the same machine in the same hour: for each
 * key figure A's median, B's median and B / A, the median of the ratios of the pairs of runs
 * (run i of A against run i of B), which cancels much of what the machine did meanwhile.
 */
const SIDES = ['A', 'B'] as const;
type Side = (typeof SIDES)[number];

function sectionName(): string {
  const { values } = parseArgs({ args: process.argv.slice(2), options: { section: { type: 'string' } }, strict: false });
  const name = typeof values.section === 'string' ? values.section : '';
  if (!SECTIONS[name] && !process.argv.includes('--help')) {
    throw new Error(`--section must be one of ${Object.keys(SECTIONS).join(', ')}${name ? `, not "${name}"` : ''}`);
  }
  return name;
}

/** --help without --section gets that far; nothing else does. */
function unreachable(what: string): never {
  throw new Error(`no ${what}`);
}

/** What a build is: bench:build writes the ref and commit it was made from beside it. */
function describeBuild(dir: string): string {
  const where = relative(ROOT, dir) || '.';
  if (dir === DEFAULT_BUILD_DIR) return `${where} (the working tree, built by this run)`;
  const info = join(dir, 'bench-build.json');
  if (!existsSync(info)) return where;
  const { ref, commit } = JSON.parse(readFileSync(info, 'utf8')) as { ref: string; commit: string };
  return `${where} (${ref}, commit ${commit.slice(0, 12)})`;
}

async function main(): Promise<void> {
  const name = sectionName();
  const entry = SECTIONS[name] ?? { defaults: {}, help: {}, make: () => unreachable('a section') };
  const flags = parseFlags(
    'bench:compare',
    { section: name, a: '', b: '', runs: RUNS_DEFAULT, ...entry.defaults },
    {
      section: `the benchmark: ${Object.keys(SECTIONS).join(', ')} (its own flags follow; --help with --section lists them)`,
      a: 'build A (default: the working tree, built into .data/bench/build)',
      b: 'build B, as npm run bench:build makes it (required)',
      runs: 'runs of each build, alternating A, B, A, B …',
      ...entry.help,
    },
  );
  checkRuns(flags.runs);
  if (!flags.b) throw new Error('--b is required: a build directory (npm run bench:build -- <git-ref> <dir> makes one)');
  const builds: Record<Side, string> = { A: flags.a ? resolve(flags.a) : DEFAULT_BUILD_DIR, B: resolve(flags.b) };
  // Both builds are made (or checked) before anything is measured.
  for (const side of SIDES) {
    useBuild(builds[side]);
    prepare();
  }
  const section = entry.make(flags);
  const runs: Record<Side, Array<Run<unknown>>> = { A: [], B: [] };
  for (let i = 1; i <= flags.runs; i++) {
    for (const side of SIDES) {
      useBuild(builds[side]);
      runs[side].push(await measureOnce(section, `${section.title}, build ${side}, run ${i} of ${flags.runs}`));
    }
  }
  const report = new Report(`Liaison benchmark: ${section.title.toLowerCase()}, build A against build B`);
  describe(report, section.title, builds, runs);
  if (flags.report) process.stdout.write(`\nreport: ${report.writeResult(`compare-${name}`)}\n`);
}

function describe(report: Report, title: string, builds: Record<Side, string>, runs: Record<Side, Array<Run<unknown>>>): void {
  const count = runs.A.length;
  report.heading(`${title}: A against B`);
  report.text(
    `${count} run${count === 1 ? '' : 's'} of each build, alternating A, B, A, B …, each on fresh stacks with a Temporal dev server of their own. ` +
      'A and B: the median of the runs, the lowest and highest in brackets. B / A: the median of the ratios of the pairs (run i of B over run i of A); for a time or a latency below 1 is better, for a rate above 1.',
  );
  report.table({
    title: 'Builds',
    headers: ['', 'build'],
    rows: SIDES.map((side) => [side, describeBuild(builds[side])]),
    leftColumns: 2,
  });
  const valueOf = (run: Run<unknown>, name: string) => run.figures.find((f) => f.name === name)?.value ?? NaN;
  report.table({
    title: `${title}: A, B and B / A`,
    headers: ['', 'A', 'B', 'B / A'],
    rows: runs.A[0].figures.map(({ name, decimals }) => {
      const a = runs.A.map((run) => valueOf(run, name));
      const b = runs.B.map((run) => valueOf(run, name));
      const ratios = a.map((value, i) => (value === 0 ? NaN : b[i] / value)).filter((r) => Number.isFinite(r));
      return [name, spread(a, decimals), spread(b, decimals), ratios.length > 0 ? fmt(median(ratios), 2) : '–'];
    }),
  });
  for (let i = 0; i < count; i++) {
    for (const side of SIDES) report.load(`build ${side}, run ${i + 1}`, runs[side][i].load);
  }
  report.table({
    title: "The machine's load before each run",
    headers: ['run', 'A', 'B'],
    rows: runs.A.map((run, i) => [String(i + 1), describeLoad(run.load), describeLoad(runs.B[i].load)]),
    leftColumns: 3,
  });
}

main()
  .catch(async (error: unknown) => {
    process.stderr.write(`\nbench:compare failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
    await stopAll();
  })
  .finally(() => closeTemporal());
