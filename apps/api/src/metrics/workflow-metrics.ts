import { Logger } from '@nestjs/common';
import type { WorkflowCount } from '@liaison/monitoring';
import { Gauge } from 'prom-client';

/** Scrapes within this many milliseconds of the last read see its values: they do not each query Temporal. */
const READ_EVERY_MS = 5000;

const logger = new Logger('WorkflowMetrics');

interface Source {
  read: () => Promise<WorkflowCount[]>;
  readAt: number;
}

/**
 * The count readers of live API instances, latest last: tests run one API after another (and
 * beside a notifier) in one process, and a closed one must not answer (see watchQueueDepth).
 */
const sources: Source[] = [];

/** Starts reporting workflow counts on /metrics from `read`; the returned function stops it. */
export function watchWorkflowCounts(read: () => Promise<WorkflowCount[]>): () => void {
  const source: Source = { read, readAt: 0 };
  sources.push(source);
  return () => {
    const index = sources.indexOf(source);
    if (index >= 0) sources.splice(index, 1);
  };
}

/**
 * Executions per kind and Temporal status, from Temporal's visibility (this deployment's task queue).
 * Started = the sum over statuses; completed and failed are their own series. Module level, so that
 * it is registered once per process.
 */
new Gauge({
  name: 'liaison_workflow_executions',
  help: 'Workflow executions by kind (exchange, series, support-request) and Temporal status, from visibility; read at most every 5 s',
  labelNames: ['kind', 'status'] as const,
  async collect() {
    const source = sources.at(-1);
    if (!source || Date.now() - source.readAt < READ_EVERY_MS) return;
    // Set before the read: a failing Temporal is asked once per period too, not once per scrape.
    source.readAt = Date.now();
    try {
      for (const { kind, status, count } of await source.read()) this.set({ kind, status }, count);
    } catch (error) {
      // The scrape still answers, with the last counts read.
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'workflow counts not read');
    }
  },
});
