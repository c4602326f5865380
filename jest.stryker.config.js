/**
 * The `unit` project of jest.config.js, for StrykerJS's Jest runner (stryker.config.mjs), which runs
 * one Jest config and not a list of projects. Read from Stryker's sandbox copy of the repository, so
 * `rootDir` (jest.config.js's `__dirname`) is the sandbox and the mutated files are the ones tested.
 *
 * Only the specs in the folders of the mutated modules: a mutant counts as killed by the module's
 * own tests, not by a test elsewhere that happens to touch it, and a mutant of a constant (run
 * against every spec that imports its file) costs seconds instead of the whole unit project.
 */
const { projects } = require('./jest.config.js');

const unit = projects.find((project) => project.displayName === 'unit');

module.exports = {
  ...unit,
  testMatch: [
    '<rootDir>/libs/domain/src/**/*.spec.ts',
    '<rootDir>/libs/series/src/*.spec.ts',
    '<rootDir>/libs/support-requests/src/*.spec.ts',
    '<rootDir>/libs/workflows/src/**/*.spec.ts',
    '<rootDir>/libs/notifications/src/planning/**/*.spec.ts',
  ],
};
