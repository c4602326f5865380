// Runs the e2e and faults Jest projects N times in a row, to find the suites that fail only some of
// the time: `npm run test:repeat -- N [--all | jest args…]`, e.g.
//   npm run test:repeat -- 3
//   npm run test:repeat -- 2 --testPathPatterns health
//   npm run test:repeat -- 5 --all      each round is the whole `npm run test:all` (scripts/test.sh)
// Brings the services up first (scripts/services.sh up), as scripts/test.sh does; each round is one
// Jest run with its usual global setup, its results in .data/test-repeat/round-<i>.json (with --all:
// test.sh's two result files, and its lint, counted as the suite `(lint)`). Prints, per round and at
// the end, each suite (file) that had failures with its failing tests, and a last line
// `repeat: N rounds, X suite failures (flaky suites: …)`. Exits 1 if any round had a failure.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const OUT_DIR = join(ROOT, '.data', 'test-repeat');

const [countArg, ...jestArgs] = process.argv.slice(2);
const rounds = Number(countArg);
const whole = jestArgs.length === 1 && jestArgs[0] === '--all';
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error('usage: npm run test:repeat -- N [--all | jest args…]   (N: how many rounds, 1 or more)');
  process.exit(2);
}

const services = spawnSync('bash', ['scripts/services.sh', 'up'], { cwd: ROOT, stdio: 'inherit' });
if (services.status !== 0) {
  console.error(`repeat: scripts/services.sh up failed (exit ${services.status ?? services.signal}); no round run`);
  process.exit(1);
}

rmSync(OUT_DIR, { recursive: true, force: true });
mkdirSync(OUT_DIR, { recursive: true });

interface SuiteResult {
  name: string;
  status: string;
  message?: string;
  assertionResults?: Array<{ status: string; fullName?: string; title: string }>;
}

/** suite (file, relative to the root) → the rounds it failed in, with their failing tests. */
const failures = new Map<string, Array<{ round: number; tests: string[] }>>();
/** Every suite that ran, with the number of rounds it ran in. */
const ran = new Map<string, number>();
let suiteFailures = 0;

for (let round = 1; round <= rounds; round++) {
  const outputFile = join(OUT_DIR, `round-${round}.json`);
  console.log(`\nrepeat: round ${round}/${rounds}${whole ? ' (npm run test:all)' : ''}`);
  const failed = whole ? wholeRound(round) : jestRound(outputFile);
  for (const [suite, tests] of failed) {
    suiteFailures++;
    failures.set(suite, [...(failures.get(suite) ?? []), { round, tests }]);
  }
  console.log(`repeat: round ${round}/${rounds}: ${failed.size === 0 ? 'no failures' : `${failed.size} suite(s) with failures`}`);
  for (const [suite, tests] of failed) printSuite(suite, tests);
}

console.log(`\nrepeat: summary of ${rounds} round(s)`);
const flaky: string[] = [];
const always: string[] = [];
for (const [suite, failedRounds] of [...failures.entries()].sort(([a], [b]) => a.localeCompare(b))) {
  const runs = ran.get(suite) ?? failedRounds.length;
  if (failedRounds.length < runs) flaky.push(suite);
  else always.push(suite);
  console.log(`  ${suite}: failed in ${failedRounds.length} of ${runs} round(s) (${failedRounds.map((r) => r.round).join(', ')})`);
  const names = new Map<string, number>();
  for (const { tests } of failedRounds) for (const test of tests) names.set(test, (names.get(test) ?? 0) + 1);
  for (const [test, times] of names) console.log(`    ✕ ${test} (${times}×)`);
}
if (failures.size === 0) console.log('  no suite failed');
const also = always.length > 0 ? `; failing every round: ${always.join(', ')}` : '';
console.log(
  `repeat: ${rounds} rounds, ${suiteFailures} suite failures (flaky suites: ${flaky.length > 0 ? flaky.join(', ') : 'none'}${also})`,
);
process.exit(suiteFailures > 0 ? 1 : 0);

function jestRound(outputFile: string): Map<string, string[]> {
  const jest = spawnSync(
    'npx',
    ['jest', '--ci', '--json', `--outputFile=${outputFile}`, '--selectProjects', 'e2e', 'faults', ...jestArgs],
    { cwd: ROOT, stdio: 'inherit' },
  );
  return roundFailures(outputFile, jest.status ?? jest.signal);
}

/** One whole `npm run test:all`: its Jest runs (the main one, the faults and the two e2e files beside it, then bounds alone) and its lint. */
function wholeRound(round: number): Map<string, string[]> {
  const results = ['jest-results.json', 'jest-results-faults.json', 'jest-results-beside.json', 'jest-results-bounds.json'];
  for (const file of results) rmSync(join(ROOT, '.data', file), { force: true });
  const run = spawnSync('bash', ['scripts/test.sh'], { cwd: ROOT, stdio: 'inherit' });
  const failed = new Map<string, string[]>();
  for (const [index, file] of results.entries()) {
    const kept = join(OUT_DIR, `round-${round}${index === 0 ? '' : file.replace('jest-results', '').replace('.json', '')}.json`);
    if (!existsSync(join(ROOT, '.data', file))) {
      failed.set(`(jest: ${file})`, [`jest wrote no results (npm run test:all exited ${run.status ?? run.signal})`]);
      continue;
    }
    copyFileSync(join(ROOT, '.data', file), kept);
    // The exit status is the whole run's (lint included): judged below, not as Jest's.
    for (const [suite, tests] of roundFailures(kept, 0)) failed.set(suite, tests);
  }
  if (failed.size === 0 && run.status !== 0)
    failed.set('(lint)', [`npm run test:all exited ${run.status ?? run.signal} with every test passed: npm run lint failed`]);
  return failed;
}

/**
 * The suites of one round that had failures, each with its failing tests' full names (or why the
 * suite failed to run); a round whose Jest wrote no results, or exited non-zero with no failed
 * suite, counts as one failure under `(jest)`.
 */
function roundFailures(outputFile: string, exit: number | string | null): Map<string, string[]> {
  const failed = new Map<string, string[]>();
  if (!existsSync(outputFile)) {
    failed.set('(jest)', [`jest wrote no results (exit ${exit})`]);
    return failed;
  }
  const results = JSON.parse(readFileSync(outputFile, 'utf8')) as { testResults?: SuiteResult[] };
  for (const suite of results.testResults ?? []) {
    const name = relative(ROOT, suite.name);
    ran.set(name, (ran.get(name) ?? 0) + 1);
    const tests = (suite.assertionResults ?? []).filter((t) => t.status === 'failed').map((t) => t.fullName ?? t.title);
    if (suite.status === 'failed' && tests.length === 0) {
      const first = (suite.message ?? '').split('\n').find((line) => line.trim() !== '') ?? 'no message';
      tests.push(`(the suite failed to run: ${first.trim().slice(0, 200)})`);
    }
    if (tests.length > 0) failed.set(name, tests);
  }
  if (failed.size === 0 && exit !== 0) failed.set('(jest)', [`jest exited ${exit} with no failed suite (no tests found? see above)`]);
  return failed;
}

function printSuite(suite: string, tests: string[]): void {
  console.log(`  ${suite}`);
  for (const test of tests) console.log(`    ✕ ${test}`);
}
