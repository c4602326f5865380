import { Logger } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import type { ReminderQueue } from '../queue/reminder-queue';
import { withTimeout } from '@liaison/common';

const logger = new Logger('QueueMetrics');

/** Reports the depth of each queue, read at scrape time, on an app's /metrics `registry`. */
export function registerQueueDepth(registry: Registry, ...queues: Array<Pick<ReminderQueue, 'counts'>>): void {
  new Gauge({
    name: 'liaison_queue_jobs',
    help: 'BullMQ jobs per queue and state (waiting, active, delayed, prioritized, completed, failed, waiting-children), read at scrape time',
    labelNames: ['queue', 'state'] as const,
    registers: [registry],
    async collect() {
      for (const queue of queues) {
        try {
          const { queue: name, counts } = await withTimeout(queue.counts(), 2000);
          for (const [state, count] of Object.entries(counts)) this.set({ queue: name, state }, count);
        } catch (error) {
          // Redis away: the scrape still answers, with the last counts read.
          logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'queue depth not read');
        }
      }
    },
  });
}
