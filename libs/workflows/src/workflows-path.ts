/** Where the workflow code lives; the bundler reads it (TypeScript in tests and dev, JS when built). */
export const WORKFLOWS_PATH = require.resolve('./workflows');
