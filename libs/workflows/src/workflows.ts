/**
 * The worker's workflow entry point, bundled by Temporal's bundler. Workflow code imports
 * `@temporalio/workflow`, `@liaison/domain` (aliased for the bundler: bundler-options.ts) and its
 * own files by relative path. A new workflow is exported here.
 */
export { exchangeWorkflow } from './exchange/exchange.workflow';
export { seriesWorkflow } from './series/series.workflow';
export { supportRequestWorkflow } from './support-request/support-request.workflow';
