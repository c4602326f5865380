import { check, expectExactlyOnce, settle, startBurst, useFaultStack, whenApiSees, whenJobsActive } from './lib/harness';

/**
 * A backing service restarted in the middle of a burst of reminders (in-app and e-mail), the
 * Liaison processes left running: every reminder is delivered exactly once per channel, and
 * nothing for the cancelled exchange or the moved one's old revision.
 */
describe('a backing service restarted mid-burst', () => {
  const world = useFaultStack('service-restarts', { smtpAcceptAfterMs: 100 });
  const third = (burst: { firstDueAt: number; lastDueAt: number }) => burst.firstDueAt + (burst.lastDueAt - burst.firstDueAt) / 3;

  it('Redis without persistence: the queue is lost, the sweep recovers', async () => {
    const started = Date.now();
    const burst = await startBurst(world);
    const processes = world.cluster.running().length;
    await whenJobsActive(world, third(burst));
    await world.services.redis.kill();
    // Restarted once the running processes have missed it (not after a guessed pause).
    await whenApiSees(world, 'redis', 'down');
    await world.services.redis.start();

    await settle(world, burst);
    const report = await check(world, burst, `Redis restart (queue lost) mid-burst (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    expectExactlyOnce(report);
    // Nothing was restarted: the processes reconnected by themselves.
    expect(world.cluster.running()).toHaveLength(processes);
  });

  it('Temporal dev server: SIGKILL, restart on the same database file', async () => {
    const started = Date.now();
    const burst = await startBurst(world);
    const processes = world.cluster.running().length;
    await whenJobsActive(world, third(burst));
    await world.services.temporal.kill();
    await whenApiSees(world, 'temporal', 'down');
    await world.services.temporal.start();

    await settle(world, burst);
    const report = await check(world, burst, `Temporal restart mid-burst (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    expectExactlyOnce(report);
    expect(world.cluster.running()).toHaveLength(processes);
  });
});
