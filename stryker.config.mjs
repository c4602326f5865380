/**
 * Mutation testing (StrykerJS) of the pure modules: `npm run test:mutation` (scripts/mutation.ts) runs it,
 * then scores each module from the JSON report and fails if one is under 80 %. Not part of scripts/test.sh.
 * One module alone: `npm run test:mutation -- --mutate libs/series/src/recurrence.ts`.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  mutate: [
    'libs/domain/src/*.ts',
    '!libs/domain/src/*.spec.ts',
    '!libs/domain/src/index.ts',
    'libs/series/src/recurrence.ts',
    'libs/support-requests/src/working-time.ts',
    'libs/workflows/src/*/*-state.ts',
    'libs/notifications/src/planning/reminder-key.ts',
  ],
  testRunner: 'jest',
  // The unit project's specs next to these modules (jest.stryker.config.js); each mutant runs only the tests that cover it.
  jest: { projectType: 'custom', configFile: 'jest.stryker.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  // Generous: the machine is shared, and a mutant that only ran slow must not count as killed by a timeout.
  timeoutMS: 15000,
  // Two cores: one Jest process per core at most.
  concurrency: 2,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['.data', '.tools', 'dist', 'coverage', 'bench/results', 'test/artifacts'],
  reporters: ['progress', 'clear-text', 'html', 'json'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  htmlReporter: { fileName: 'test/artifacts/stryker/mutation.html' },
  jsonReporter: { fileName: 'test/artifacts/stryker/mutation.json' },
  // Used only with `--incremental`.
  incrementalFile: 'test/artifacts/stryker/incremental.json',
  // The per-module threshold is scripts/mutation.ts's; Stryker's own score covers every module at once.
  thresholds: { high: 90, low: 80, break: null },
};
