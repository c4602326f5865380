import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DeliveryWakeups } from '../../libs/events/src/delivery/delivery-wakeups';
import { EVENT_DELIVERY_QUEUE, EventDeliveryQueue, type DeliverLaneJob } from '../../libs/events/src/delivery/event-delivery-queue';
import { deadEndpoint } from '../support/ports';
import { TEST_REDIS_URL } from '../support/test-env';

/**
 * A wake-up comes after the commit of a redelivery or a re-enabled subscription: with Redis away it
 * must neither fail the request that made the change nor hold it (the queue's connection waits for
 * Redis forever); the delivery sweep wakes the lane later. With Redis there, it enqueues the job.
 */
describe('delivery wake-ups', () => {
  const lane = { subscriptionId: randomUUID(), lane: `exchange:${randomUUID()}` };

  it('answers at once, without throwing, while Redis does not answer', async () => {
    const endpoint = await deadEndpoint();
    const port = Number(new URL(endpoint.url).port);
    // A connection of the test's own: BullMQ's disconnect waits for a connection that never came.
    const redis = new Redis({ host: '127.0.0.1', port, maxRetriesPerRequest: null });
    redis.on('error', () => undefined);
    const queue = new Queue<DeliverLaneJob>(EVENT_DELIVERY_QUEUE, { connection: redis, prefix: `wakeups-away-${randomUUID().slice(0, 8)}` });
    queue.on('error', () => undefined);
    try {
      const started = Date.now();
      await expect(new DeliveryWakeups(new EventDeliveryQueue(queue)).wake([lane])).resolves.toBeUndefined();
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      redis.disconnect();
      await Promise.all([queue.close(), endpoint.close()]);
    }
  }, 15_000);

  it('enqueues one job per lane while Redis answers', async () => {
    const queue = new Queue<DeliverLaneJob>(EVENT_DELIVERY_QUEUE, {
      connection: { url: TEST_REDIS_URL, maxRetriesPerRequest: null },
      prefix: `wakeups-${randomUUID().slice(0, 8)}`,
    });
    try {
      const other = { ...lane, lane: `exchange:${randomUUID()}` };
      await new DeliveryWakeups(new EventDeliveryQueue(queue)).wake([lane, other]);
      const jobs = await queue.getWaiting();
      expect(jobs.map((job) => job.data.lane).sort()).toEqual([lane.lane, other.lane].sort());
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
