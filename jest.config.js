/**
 * Seven Jest projects: `unit` (specs next to the code, no services), `integration` and `e2e`
 * (test/, against the real Postgres, Redis, Temporal dev server and an SMTP server they start),
 * `contract` (test/contract/: Schemathesis against the API's own OpenAPI document, on the test stack),
 * `browser` (test/browser/: the web app, built, in Debian's chromium against the test stack),
 * `faults` (test/faults/: the built processes as child processes on a Postgres, Redis and Temporal
 * dev server of their own, killed and restarted mid-burst), and `bounds` (test/bounds/: the API's
 * event loop sampled under adversarial input; scripts/test.sh runs it alone, after the others, so
 * that what it measures is the API and not the other suites sharing the machine's cores).
 */
const swc = [
  '@swc/jest',
  {
    swcrc: false,
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const libs = [
  'domain',
  'config',
  'common',
  'persistence',
  'access',
  'directory',
  'exchanges',
  'series',
  'calendar',
  'follow-up',
  'support-requests',
  'monitoring',
  'notifications',
  'temporal',
  'i18n',
  'events',
  'workflows',
  'client',
];
const esmOnly = [
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  '@borewit',
  'ical-generator',
  '@formatjs',
  'intl-messageformat',
  'nodemailer',
  'mailparser',
  'smtp-server',
  'libmime',
  'libqp',
  'libbase64',
  'html-to-text',
  'htmlparser2',
  'selderee',
  '@selderee',
  'parseley',
  'leac',
  'peberminta',
  'deepmerge-ts',
  'ical.js',
  'uuid',
  'zod',
  'ms',
  'long',
  'msgpackr',
  'libphonenumber-js',
  'encoding-japanese',
  'punycode.js',
  'tlds',
  'linkify-it',
  'uc.micro',
  'mdurl',
  'linkify-html',
  'linkifyjs',
  'entities',
  'domhandler',
  'domutils',
  'dom-serializer',
  'domelementtype',
  // Sign-in with OpenID Connect (openid-client and its two) and the tests' provider (oidc-provider).
  'openid-client',
  'oauth4webapi',
  'jose',
  'oidc-provider',
];
const shared = {
  transform: { '^.+\\.(t|j)s$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: Object.fromEntries(libs.map((lib) => [`^@liaison/${lib}$`, `<rootDir>/libs/${lib}/src`])),
  testEnvironment: 'node',
  // NestJS 12 and a few others ship ES modules only; Jest's CommonJS runtime on Node 20 needs them compiled.
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  // Stryker's working copy of the repository (npm run test:mutation) is not part of any run.
  modulePathIgnorePatterns: ['<rootDir>/.stryker-tmp/'],
  rootDir: __dirname,
};

module.exports = {
  rootDir: __dirname,
  // Two workers: the e2e suites mostly wait on durable timers, so two stacks side by side halve the
  // run. Each stack has its own Temporal task queue and reminder queue; suites use their own people.
  maxWorkers: 2,
  // A worker holding more than this heap after a file is replaced by a fresh one: each e2e file
  // leaves some 60–100 MB behind (its Nest stack, Temporal worker and workflow bundle), so a worker
  // that had run every file of its half of the run carried over 3 GB, which each full GC marks again.
  workerIdleMemoryLimit: '1GB',
  testSequencer: '<rootDir>/jest.sequencer.js',
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,examples}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'contract',
      testMatch: ['<rootDir>/test/contract/**/*.contract-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'browser',
      // The web app (dist/web, built by npm run build:web) in Debian's chromium against the test stack.
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'bounds',
      testMatch: ['<rootDir>/test/bounds/**/*.bounds-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
    },
    {
      ...shared,
      displayName: 'faults',
      testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
      // Builds the product once into .data/faults/build; each file starts its own Postgres, Redis and Temporal.
      globalSetup: '<rootDir>/test/faults/lib/global-setup.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/e2e-timeout.ts'],
    },
  ],
};
