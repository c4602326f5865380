import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';

/**
 * Mutation testing of the pure modules (`npm run test:mutation`): runs StrykerJS (stryker.config.mjs),
 * then reads its JSON report and prints the mutation score of each mutated file; exits 1 when one is
 * under THRESHOLD %. Arguments go to Stryker, e.g. one module alone:
 *   npm run test:mutation -- --mutate libs/series/src/recurrence.ts
 * A report that covers some modules only is scored on those. `--scores-only` reads the last report
 * without running Stryker.
 */
const ROOT = join(__dirname, '..');
const REPORT = join(ROOT, 'test', 'artifacts', 'stryker', 'mutation.json');
const THRESHOLD = 80;
/** Cases per property test under mutation (a mutant a property can catch is caught in far fewer). */
const MUTATION_PROPERTY_RUNS = 50;

/** The mutant statuses of Stryker's JSON report (mutation-testing-report-schema) that count towards a score. */
const DETECTED = ['Killed', 'Timeout'];
const UNDETECTED = ['Survived', 'NoCoverage'];

interface Report {
  files: Record<string, { mutants: Array<{ status: string }> }>;
}

interface Row {
  module: string;
  counts: Record<string, number>;
  score: number | null;
}

function rowOf(module: string, statuses: string[]): Row {
  const counts: Record<string, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  const count = (names: string[]) => names.reduce((sum, name) => sum + (counts[name] ?? 0), 0);
  const valid = count(DETECTED) + count(UNDETECTED);
  return { module, counts, score: valid === 0 ? null : (100 * count(DETECTED)) / valid };
}

/** One row per mutated file, path relative to the repository. */
function scores(report: Report): Row[] {
  return Object.entries(report.files)
    .map(([file, { mutants }]) =>
      rowOf(
        isAbsolute(file) ? relative(ROOT, file) : file,
        mutants.map((m) => m.status),
      ),
    )
    .sort((a, b) => a.module.localeCompare(b.module));
}

function print(rows: Row[]): void {
  const columns = ['Killed', 'Timeout', 'Survived', 'NoCoverage'];
  const width = Math.max(...rows.map((r) => r.module.length), 'module'.length);
  const line = (cells: string[]) => cells.map((cell, i) => (i === 0 ? cell.padEnd(width) : cell.padStart(10))).join('  ');
  console.log(line(['module', ...columns.map((c) => c.toLowerCase()), 'score']));
  for (const row of rows) {
    const score = row.score === null ? 'no mutants' : `${row.score.toFixed(2)} %`;
    console.log(line([row.module, ...columns.map((c) => String(row.counts[c] ?? 0)), score]));
  }
}

function main(args: string[]): number {
  const scoresOnly = args.includes('--scores-only');
  if (!scoresOnly) {
    // Property tests run at most PROPERTY_RUNS cases per mutant (test/support/property-runs.ts); test:all runs their full counts.
    const env = { ...process.env, PROPERTY_RUNS: process.env.PROPERTY_RUNS ?? String(MUTATION_PROPERTY_RUNS) };
    const stryker = spawnSync(join(ROOT, 'node_modules', '.bin', 'stryker'), ['run', ...args], { cwd: ROOT, stdio: 'inherit', env });
    if (stryker.status !== 0) return stryker.status ?? 1;
  }
  if (!existsSync(REPORT)) {
    console.error(`no mutation report at ${relative(ROOT, REPORT)}: run npm run test:mutation`);
    return 1;
  }
  const rows = scores(JSON.parse(readFileSync(REPORT, 'utf8')) as Report);
  console.log(`\nMutation score per module (${relative(ROOT, REPORT)}; html report beside it), threshold ${THRESHOLD} %:\n`);
  print(rows);
  const under = rows.filter((row) => row.score !== null && row.score < THRESHOLD);
  for (const row of under) console.error(`${row.module}: ${row.score?.toFixed(2)} % is under ${THRESHOLD} %`);
  return under.length === 0 ? 0 : 1;
}

process.exitCode = main(process.argv.slice(2));
