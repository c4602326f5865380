import { Queue } from 'bullmq';
import { connect, createServer, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SEND_CANCELLATION_JOB, SendCancellationJob } from '../../libs/notifications/src/queue/reminder-queue';
import { Burst, check, expectExactlyOnce, settle, sleep, startBurst, useFaultStack, whenJobsActive } from './lib/harness';
import { ADMIN_TOKEN } from './lib/liaison';
import { until } from './lib/services';

/**
 * A Liaison process stopped in the middle of a burst of reminders (in-app and e-mail), while the
 * notifier has deliveries in hand, then started again: every reminder is delivered exactly once
 * per channel, and nothing for the cancelled exchange or the moved one's old revision. The SMTP
 * sink takes 300 ms to accept a message, as a relay would, so that deliveries are in flight.
 */
describe('a Liaison process stopped mid-burst', () => {
  const world = useFaultStack('process-kills', { smtpAcceptAfterMs: 300 });
  const third = (burst: { firstDueAt: number; lastDueAt: number }) => burst.firstDueAt + (burst.lastDueAt - burst.firstDueAt) / 3;

  it('notifier: SIGKILL with jobs active, restart', async () => {
    const started = Date.now();
    const burst = await startBurst(world);
    const active = await whenJobsActive(world, third(burst));
    const [notifier] = world.cluster.running('notifier');
    await world.cluster.kill(notifier);
    expect(notifier.exited?.signal).toBe('SIGKILL');
    await world.cluster.start('notifier');

    await settle(world, burst);
    const report = await check(
      world,
      burst,
      `notifier SIGKILL mid-burst, ${active} jobs active (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    expectExactlyOnce(report);
  });

  it('workflow worker: SIGKILL, restart', async () => {
    const started = Date.now();
    const burst = await startBurst(world);
    await whenJobsActive(world, third(burst));
    const [worker] = world.cluster.running('worker');
    await world.cluster.kill(worker);
    expect(worker.exited?.signal).toBe('SIGKILL');
    await world.cluster.start('worker');

    await settle(world, burst);
    const report = await check(world, burst, `worker SIGKILL mid-burst (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    expectExactlyOnce(report);
  });

  let drained: Burst | undefined;

  it('notifier: SIGTERM with jobs active drains them within SHUTDOWN_TIMEOUT, nothing lost or sent twice', async () => {
    const started = Date.now();
    const burst = await startBurst(world);
    drained = burst;
    const active = await whenJobsActive(world, third(burst), 10);
    const [notifier] = world.cluster.running('notifier');
    const exit = await world.cluster.terminate(notifier);
    // SHUTDOWN_TIMEOUT is PT15S here: drained well within it, not cut off by it (that exit is status 1).
    expect(exit.tookMs).toBeLessThan(15_000);
    expect(exit.code).not.toBe(1);
    expect(notifier.log()).toContain('SIGTERM: finishing the active jobs');
    expect(notifier.log()).not.toContain('exiting anyway');
    await world.cluster.start('notifier');

    await settle(world, burst);
    const report = await check(
      world,
      burst,
      `notifier SIGTERM mid-burst, ${active} jobs active, exited in ${exit.tookMs} ms (${exit.signal ?? exit.code}) (${((Date.now() - started) / 1000).toFixed(0)} s)`,
    );
    expectExactlyOnce(report);
    // A drain, not a crash: no delivery was cut off, so none was attempted twice or mailed again.
    expect(report.retried).toBe(0);
    expect(report.emailRedelivered).toBe(0);
  });

  it('notifier: SIGTERM with a job that cannot finish exits with status 1 at SHUTDOWN_TIMEOUT', async () => {
    // An SMTP server that takes the connection and never greets: the e-mail job hangs (nodemailer waits 30 s).
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const burst = drained ?? (await startBurst(world));
    // Its own queue prefix (and no sweep pass) so that it takes only the job this test gives it.
    const prefix = 'liaison-faults-hang';
    const notifier = await world.cluster.start('notifier', {
      QUEUE_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      SHUTDOWN_TIMEOUT: 'PT2S',
      REMINDER_SWEEP_INTERVAL: 'PT1H',
    });
    const queue = new Queue<SendCancellationJob>('reminders', { connection: { url: world.services.redis.url }, prefix });
    try {
      // The iMIP CANCEL of the burst's cancelled exchange to one of its participants: an e-mail, no row touched.
      await queue.add(SEND_CANCELLATION_JOB, { exchangeId: burst.cancelled, personId: burst.participants[0].id });
      await until(async () => (await queue.getActiveCount()) === 1, 15_000, 'the job to be active');
      const exit = await world.cluster.terminate(notifier);
      expect(exit.code).toBe(1);
      expect(exit.tookMs).toBeGreaterThanOrEqual(2000);
      expect(exit.tookMs).toBeLessThan(5000);
      expect(notifier.log()).toContain('jobs still active after SHUTDOWN_TIMEOUT (2000 ms); exiting anyway');
      console.log(
        `[faults] notifier SIGTERM with a hung job: exited with status ${exit.code} after ${exit.tookMs} ms (SHUTDOWN_TIMEOUT PT2S)`,
      );
    } finally {
      await queue.close();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });

  it('API and workflow worker: SIGTERM drains and exits within SHUTDOWN_TIMEOUT, status 0 or the signal', async () => {
    const [api] = world.cluster.running('api');
    const [worker] = world.cluster.running('worker');
    // A request in flight when the API is told to stop: its headers are in, half of its body follows
    // after the SIGTERM. It is still answered; the server takes no new connection meanwhile.
    const body = JSON.stringify({ code: 'DRAIN', name: 'Made while the API drains', timezone: 'Europe/Brussels' });
    const socket = connect(api.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const answer = new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
    socket.write(
      `POST /v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, 10)}`,
    );
    await sleep(300);
    const exits = Promise.all([world.cluster.terminate(api), world.cluster.terminate(worker)]);
    await until(() => api.log().includes('SIGTERM: finishing the requests in flight'), 10_000, 'the API to start draining');
    await sleep(300);
    const refused = await fetch(`${api.url}/health/live`).then(
      () => false,
      () => true,
    );
    socket.write(body.slice(10));
    const [apiExit, workerExit] = await exits;
    expect((await answer).split('\r\n')[0]).toBe('HTTP/1.1 201 Created');
    expect(refused).toBe(true);
    for (const [proc, exit] of [
      [api, apiExit],
      [worker, workerExit],
    ] as const) {
      expect(exit.tookMs).toBeLessThan(15_000);
      expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
      expect(proc.log()).not.toContain('exiting anyway');
      console.log(`[faults] ${proc.name} SIGTERM: exited in ${exit.tookMs} ms (${exit.signal ?? `status ${exit.code}`})`);
    }
    expect(worker.log()).toContain('worker drained');
  });
});
