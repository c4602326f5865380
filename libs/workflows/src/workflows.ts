/**
 * The worker's workflow entry point, bundled by Temporal's bundler. Relative paths only: the
 * bundler does not read tsconfig path aliases. A new workflow is exported here.
 */
export { exchangeWorkflow } from '../../exchanges/src/workflow/exchange.workflow';
export { seriesWorkflow } from '../../series/src/workflow/series.workflow';
export { supportRequestWorkflow } from '../../support-requests/src/workflow/support-request.workflow';
