import { Logger } from '@nestjs/common';
import type { WorkflowCount } from '@liaison/monitoring';
import { Gauge, Registry } from 'prom-client';

/** Scrapes within this many milliseconds of the last read see its values: they do not each query Temporal. */
const READ_EVERY_MS = 5000;

const logger = new Logger('WorkflowMetrics');

/**
 * Executions per kind and Temporal status, from Temporal's visibility (this deployment's task queue),
 * read by `read` on an app's /metrics `registry`. Started = the sum over statuses; completed and
 * failed are their own series.
 */
export function registerWorkflowCounts(registry: Registry, read: () => Promise<WorkflowCount[]>): void {
  let readAt = 0;
  new Gauge({
    name: 'liaison_workflow_executions',
    help: 'Workflow executions by kind (exchange, series, support-request) and Temporal status, from visibility; read at most every 5 s',
    labelNames: ['kind', 'status'] as const,
    registers: [registry],
    async collect() {
      if (Date.now() - readAt < READ_EVERY_MS) return;
      // Set before the read: a failing Temporal is asked once per period too, not once per scrape.
      readAt = Date.now();
      try {
        for (const { kind, status, count } of await read()) this.set({ kind, status }, count);
      } catch (error) {
        // The scrape still answers, with the last counts read.
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'workflow counts not read');
      }
    },
  });
}
