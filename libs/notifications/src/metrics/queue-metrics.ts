import { Logger } from '@nestjs/common';
import { Gauge } from 'prom-client';
import type { ReminderQueue } from '../queue/reminder-queue';
import { withTimeout } from './with-timeout';

const logger = new Logger('QueueMetrics');

/**
 * The queues of live API and notifier instances, latest last. A process has one, but tests run the
 * API and notifiers of several stacks, one after another, in one process: the newest live one answers.
 */
const watched: ReminderQueue[] = [];

/** Starts reporting a queue's depth on this process's /metrics; the returned function stops it. */
export function watchQueueDepth(queue: ReminderQueue): () => void {
  watched.push(queue);
  return () => {
    const index = watched.lastIndexOf(queue);
    if (index >= 0) watched.splice(index, 1);
  };
}

// Module level, so that it is registered once per process (see delivery-metrics.ts).
new Gauge({
  name: 'liaison_queue_jobs',
  help: 'BullMQ jobs per queue and state (waiting, active, delayed, prioritized, completed, failed, waiting-children), read at scrape time',
  labelNames: ['queue', 'state'] as const,
  async collect() {
    const queue = watched.at(-1);
    if (!queue) return;
    try {
      const { queue: name, counts } = await withTimeout(queue.counts(), 2000);
      for (const [state, count] of Object.entries(counts)) this.set({ queue: name, state }, count);
    } catch (error) {
      // Redis away: the scrape still answers, with the last counts read.
      logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'queue depth not read');
    }
  },
});
