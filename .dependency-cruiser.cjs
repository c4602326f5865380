/**
 * The layers of Liaison, held by a tool (`npm run lint`, and so CI):
 *   apps -> workflows -> features -> infrastructure -> domain
 * See docs/ARCHITECTURE.md ("Layers and why") for why each rule exists.
 */
const FEATURES = 'libs/(access|directory|exchanges|series|calendar|follow-up|support-requests|monitoring|notifications|events)/';
const INFRASTRUCTURE = 'libs/(config|common|persistence|temporal|i18n)/';
const WORKFLOW_CODE = '^libs/workflows/src/(workflows\\.ts|exchange/|series/|support-request/|kit/)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes two modules one: neither can be read, tested or changed alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'workflow-code-is-deterministic',
      severity: 'error',
      comment:
        "Workflow code runs in Temporal's sandbox and is replayed: it imports only @temporalio/workflow, the domain vocabulary and its own kit, never Nest, TypeORM, Node built-ins or a feature.",
      from: { path: WORKFLOW_CODE, pathNot: '\\.spec\\.ts$' },
      to: {
        pathNot: [WORKFLOW_CODE, '^libs/domain/src/', '^node_modules/@temporalio/(workflow|common)/'],
      },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'The vocabulary is imported by every layer, so it imports nothing: no package, no other library.',
      from: { path: '^libs/domain/src/', pathNot: '\\.spec\\.ts$' },
      to: { pathNot: '^libs/domain/src/' },
    },
    {
      name: 'libraries-do-not-import-apps',
      severity: 'error',
      comment: 'Apps compose libraries; a library that reaches into an app is tied to one process.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'infrastructure-does-not-import-features',
      severity: 'error',
      comment: 'Infrastructure (config, common, persistence, temporal, i18n) serves every feature and knows none.',
      from: { path: `^${INFRASTRUCTURE}` },
      to: { path: [`^${FEATURES}`, '^libs/workflows/'] },
    },
    {
      name: 'features-do-not-import-workflows',
      severity: 'error',
      comment: "Features speak to workflows through the domain's contracts and the Update caller, never by importing workflow code.",
      from: { path: `^${FEATURES}` },
      to: { path: '^libs/workflows/' },
    },
    {
      name: 'features-meet-through-their-index',
      severity: 'error',
      comment: 'A feature is used through its index.ts (its public face); its other files are its own business.',
      from: { path: '^libs/([^/]+)/' },
      to: {
        path: `^${FEATURES}`,
        pathNot: ['^libs/$1/', `^${FEATURES}src/index\\.ts$`, `^${FEATURES}src/worker\\.ts$`],
      },
    },
    {
      name: 'the-client-stands-alone',
      severity: 'error',
      comment:
        "@liaison/client is what integrators and the web app use: it knows the API only through the generated types of docs/openapi.json, never the server's code.",
      from: { path: '^libs/client/' },
      to: { pathNot: ['^libs/client/', '^node_modules/openapi-fetch/'] },
    },
    {
      name: 'the-web-app-uses-only-the-client',
      severity: 'error',
      comment:
        'The web app (apps/web) runs in the browser and knows the API only as its users do, through @liaison/client: its own files, libs/client and packages, never another library or the API app. Its unit specs may read a library, to hold a copy of the API\'s words to the original.',
      from: { path: '^apps/web/', pathNot: ['^apps/web/vite\\.config\\.mts$', '\\.spec\\.ts$'] },
      to: { pathNot: ['^apps/web/', '^libs/client/src/', '^node_modules/'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.tools|\\.data|coverage)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
