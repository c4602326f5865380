// Writes test/durations.json, the table by which jest.sequencer.js starts the longest files first on
// a machine with no Jest cache (a fresh clone, as in CI): each file's seconds in the last
// `npm run test:all` (.data/jest-results.json, the unit, integration, e2e, contract and browser run),
// for the files of a second or more. `npm run test:durations`; commit the table it writes.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..');
const RESULTS = join(ROOT, '.data', 'jest-results.json');
const TABLE = join(ROOT, 'test', 'durations.json');
/** Shorter files are left to Jest's own order (largest first), after the listed ones. */
const SHORTEST_LISTED_S = 1;

if (!existsSync(RESULTS)) {
  console.error(`${relative(ROOT, RESULTS)} is missing: run npm run test:all first`);
  process.exit(1);
}
const results = JSON.parse(readFileSync(RESULTS, 'utf8')) as {
  testResults: Array<{ name: string; startTime: number; endTime: number }>;
};
const seconds = results.testResults
  .map((file) => [relative(ROOT, file.name).split('\\').join('/'), Math.round((file.endTime - file.startTime) / 100) / 10] as const)
  .filter(([, s]) => s >= SHORTEST_LISTED_S)
  .sort(([a, sa], [b, sb]) => sb - sa || a.localeCompare(b));
const table = {
  about: 'Seconds per test file in the last npm run test:all, longest first (jest.sequencer.js); written by npm run test:durations.',
  seconds: Object.fromEntries(seconds),
};
writeFileSync(TABLE, `${JSON.stringify(table, null, 2)}\n`);
for (const [file, s] of seconds) console.log(`${s.toFixed(1).padStart(7)} s  ${file}`);
console.log(`${relative(ROOT, TABLE)}: ${seconds.length} files`);
