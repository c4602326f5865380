import { useFaultStack, whenApiSees, sleepUntil } from './lib/harness';
import {
  checkEvents,
  EVENT_FAULT_ENV,
  expectEveryEventInOrder,
  mark,
  midBurst,
  settleEvents,
  startEventBurst,
  subscribe,
  type Subscriber,
} from './lib/events';

/**
 * Events for integrators through faults: a burst of exchange transitions (eight exchanges, each
 * created, moved six times and cancelled, side by side) while a process or a backing service goes
 * away; both organisations subscribe to everything, each with the example receiver
 * (examples/webhook-receiver), which takes 150 ms to answer so that deliveries queue up; the fault
 * lands once some are pending. Every event of the outbox is delivered and taken once (after
 * deduplication by webhook-id), in seq order within each lane, and the receivers take nothing the
 * outbox does not hold.
 */
describe('event delivery through faults', () => {
  const world = useFaultStack('event-delivery', { env: EVENT_FAULT_ENV });
  const subscribers: Subscriber[] = [];
  beforeAll(async () => {
    subscribers.push(await subscribe(world, world.un), await subscribe(world, world.nato));
  });
  afterAll(() => Promise.all(subscribers.map((s) => s.receiver.close())));

  it('notifier and workflow worker SIGKILLed mid-burst, restarted', async () => {
    const started = Date.now();
    const from = await mark(world, subscribers);
    const burst = await startEventBurst(world);
    const pending = await midBurst(world, burst, subscribers, from);
    const killed = [...world.cluster.running('notifier'), ...world.cluster.running('worker')];
    await Promise.all(killed.map((proc) => world.cluster.kill(proc)));
    expect(killed.map((proc) => proc.exited?.signal)).toEqual(['SIGKILL', 'SIGKILL']);
    await Promise.all([world.cluster.start('notifier'), world.cluster.start('worker')]);

    await burst.done;
    await settleEvents(world, subscribers, from);
    const label = `notifier and worker SIGKILL mid-burst, ${pending} deliveries pending (${((Date.now() - started) / 1000).toFixed(0)} s)`;
    expectEveryEventInOrder(await checkEvents(world, subscribers, from, label), burst);
  });

  it('Redis without persistence restarted mid-burst: the queue is lost, the sweep recovers', async () => {
    const started = Date.now();
    const from = await mark(world, subscribers);
    const processes = world.cluster.running().length;
    const burst = await startEventBurst(world);
    const pending = await midBurst(world, burst, subscribers, from);
    await world.services.redis.kill();
    // Restarted once the running processes have missed it (not after a guessed pause).
    await whenApiSees(world, 'redis', 'down');
    await world.services.redis.start();

    await burst.done;
    await settleEvents(world, subscribers, from);
    const label = `Redis restart mid-burst, ${pending} deliveries pending (${((Date.now() - started) / 1000).toFixed(0)} s)`;
    expectEveryEventInOrder(await checkEvents(world, subscribers, from, label), burst);
    expect(world.cluster.running()).toHaveLength(processes);
  });

  it('Postgres stopped for 20 s mid-burst: requests wait it out, nothing is lost, no process restarted', async () => {
    const started = Date.now();
    const from = await mark(world, subscribers);
    const processes = world.cluster.running().map((p) => p.child.pid);
    const burst = await startEventBurst(world);
    const pending = await midBurst(world, burst, subscribers, from);
    await world.services.postgres.stop();
    // The experiment: a 20 s outage (a clock wait, its length; nothing below depends on how long recovery takes).
    try {
      await sleepUntil(Date.now() + 20_000);
    } finally {
      await world.services.postgres.start();
    }

    await burst.done;
    await settleEvents(world, subscribers, from);
    const label = `Postgres stopped 20 s mid-burst, ${pending} deliveries pending, ${burst.retried} requests answered 503 and sent again (${((Date.now() - started) / 1000).toFixed(0)} s)`;
    expectEveryEventInOrder(await checkEvents(world, subscribers, from, label), burst);
    expect(world.cluster.running().map((p) => p.child.pid)).toEqual(processes);
  });
});
