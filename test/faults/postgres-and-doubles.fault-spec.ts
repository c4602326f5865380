import { check, expectExactlyOnce, settle, sleepUntil, startBurst, useFaultStack, whenJobsActive } from './lib/harness';
import { uniqueCode } from './lib/drill';
import { ADMIN_TOKEN } from './lib/liaison';
import { waitFor } from './lib/services';

describe('Postgres away, and two of each process', () => {
  const world = useFaultStack('postgres-and-doubles', { smtpAcceptAfterMs: 100 });
  const third = (burst: { firstDueAt: number; lastDueAt: number }) => burst.firstDueAt + (burst.lastDueAt - burst.firstDueAt) / 3;

  it('Postgres stopped for 20 s mid-burst: the API answers 503 with Retry-After meanwhile, everything recovers without a restart', async () => {
    const started = Date.now();
    const burst = await startBurst(world);
    const processes = world.cluster.running().map((p) => p.child.pid);
    const exchangeId = burst.live[0];
    await whenJobsActive(world, third(burst));
    await world.services.postgres.stop();
    const stoppedAt = Date.now();
    try {
      await whilePostgresIsDown();
    } finally {
      // Started again whatever the requests above showed, so that the next test has a database.
      await world.services.postgres.start();
    }

    // The same API process answers again once its pool reconnects.
    await waitFor(
      'the API to answer the read again (200) once Postgres is back',
      async () => {
        const res = await world.cluster.request('GET', `/v1/exchanges/${exchangeId}`, burst.coordinator.token);
        return { status: res.status, code: (res.body as { code?: string } | undefined)?.code };
      },
      (seen) => seen.status === 200,
    );

    async function whilePostgresIsDown(): Promise<void> {
      // Real requests while it is down: a read with a person's token (the token lookup needs the
      // database) and a create with the admin token.
      const read = await world.cluster.request('GET', `/v1/exchanges/${exchangeId}`, burst.coordinator.token);
      expect(read.status).toBe(503);
      expect(Number(read.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(read.body).toMatchObject({ statusCode: 503, code: 'DATABASE.UNAVAILABLE' });
      const create = await world.cluster.request('POST', '/v1/organizations', ADMIN_TOKEN, {
        code: uniqueCode('DOWN'),
        name: 'Made while the database is down',
        timezone: 'Europe/Brussels',
      });
      expect(create.status).toBe(503);
      expect(create.body).toMatchObject({ statusCode: 503, code: 'DATABASE.UNAVAILABLE' });
      expect(Number(create.headers.get('retry-after'))).toBeGreaterThan(0);

      // The experiment: Postgres stays down for 20 s while the burst falls due (a clock wait, the
      // length of the outage; nothing below depends on how long it was or on how long recovery takes).
      await sleepUntil(stoppedAt + 20_000);
      // Still 503 at the end of the outage: the API did not give up on its pool or start failing otherwise.
      const later = await world.cluster.request('GET', `/v1/exchanges/${exchangeId}`, burst.coordinator.token);
      expect(later.status).toBe(503);
      expect(later.body).toMatchObject({ statusCode: 503, code: 'DATABASE.UNAVAILABLE' });
      expect(later.headers.get('retry-after')).not.toBeNull();
    }

    await settle(world, burst);
    const report = await check(world, burst, `Postgres stopped 20 s mid-burst (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    expectExactlyOnce(report);
    // None of the processes had to be restarted.
    expect(world.cluster.running().map((p) => p.child.pid)).toEqual(processes);
  });

  it('two APIs, two workers and two notifiers for the whole burst', async () => {
    await Promise.all([world.cluster.start('api'), world.cluster.start('worker'), world.cluster.start('notifier')]);
    expect(world.cluster.running('api')).toHaveLength(2);
    expect(world.cluster.running('worker')).toHaveLength(2);
    expect(world.cluster.running('notifier')).toHaveLength(2);
    const started = Date.now();
    // The burst is made through both APIs in turn.
    const burst = await startBurst(world);
    await settle(world, burst);
    const report = await check(world, burst, `two of each process (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    expectExactlyOnce(report);
    // Both notifiers delivered a share.
    for (const notifier of world.cluster.running('notifier')) expect(notifier.log()).toContain('reminder sent');
  });
});
