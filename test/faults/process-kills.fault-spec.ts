import { Queue } from 'bullmq';
import { get } from 'node:http';
import { connect, createServer, Socket } from 'node:net';
import { SEND_CANCELLATION_JOB, SendCancellationJob } from '../../libs/notifications/src/queue/reminder-queue';
import { listenOnPortZero } from '../support/ports';
import { uniqueCode } from './lib/drill';
import { Burst, check, expectExactlyOnce, settle, startBurst, useFaultStack, whenJobsActive } from './lib/harness';
import { ADMIN_TOKEN, LiaisonProcess } from './lib/liaison';
import { lastLines, waitFor, waitForChild } from './lib/services';

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

  it('notifier: SIGTERM with jobs active drains them before SHUTDOWN_TIMEOUT cuts it off, nothing lost or sent twice', async () => {
    const started = Date.now();
    const burst = await startBurst(world);
    drained = burst;
    const active = await whenJobsActive(world, third(burst), 10);
    const [notifier] = world.cluster.running('notifier');
    const exit = await world.cluster.terminate(notifier);
    // Drained, not cut off by SHUTDOWN_TIMEOUT (PT15S here): that exit is status 1 with "exiting anyway".
    // How long the drain took is printed, not asserted (speed belongs in bench/).
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
    const silentPort = await listenOnPortZero(silent);
    const burst = drained ?? (await startBurst(world));
    // Its own queue prefix (and no sweep pass) so that it takes only the job this test gives it.
    const prefix = 'liaison-faults-hang';
    const notifier = await world.cluster.start('notifier', {
      QUEUE_PREFIX: prefix,
      SMTP_URL: `smtp://127.0.0.1:${silentPort}`,
      SHUTDOWN_TIMEOUT: 'PT2S',
      REMINDER_SWEEP_INTERVAL: 'PT1H',
    });
    const queue = new Queue<SendCancellationJob>('reminders', { connection: { url: world.services.redis.url }, prefix });
    try {
      // The iMIP CANCEL of the burst's cancelled exchange to one of its participants: an e-mail, no row touched.
      await queue.add(SEND_CANCELLATION_JOB, { exchangeId: burst.cancelled, personId: burst.participants[0].id });
      await waitFor(
        'the cancellation job to be active',
        () => queue.getJobCounts('waiting', 'active', 'delayed'),
        (counts) => counts.active === 1,
      );
      const exit = await world.cluster.terminate(notifier);
      // Cut off by SHUTDOWN_TIMEOUT: status 1 and the line its timer logs (no duration is asserted).
      expect(exit.code).toBe(1);
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

  it('API and workflow worker: SIGTERM drains and exits before SHUTDOWN_TIMEOUT cuts them off, status 0 or the signal', async () => {
    const [api] = world.cluster.running('api');
    const [worker] = world.cluster.running('worker');
    // A request in flight when the API is told to stop: its headers are in (the server has answered
    // `100 Continue` to them, so it has taken the request), its body follows once the API has stopped
    // taking connections. It is still answered; the server takes no new connection meanwhile.
    const body = JSON.stringify({ code: uniqueCode('DRAIN'), name: 'Made while the API drains', timezone: 'Europe/Brussels' });
    const socket = connect(api.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('utf8')));
    const closed = new Promise<void>((resolve) => {
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    socket.write(
      `POST /v1/organizations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n`,
    );
    await waitFor(
      'the API to take the request (100 Continue)',
      async () => received,
      (text) => text.startsWith('HTTP/1.1 100 Continue\r\n\r\n'),
    );
    const exits = Promise.all([world.cluster.terminate(api), world.cluster.terminate(worker)]);
    const apiGone = () => (api.running ? undefined : `it exited (${api.exited?.code ?? api.exited?.signal}):\n${lastLines(api.log(), 10)}`);
    await waitForChild(
      'the API to log that it drains',
      async () => ({ draining: api.log().includes('SIGTERM: finishing the requests in flight'), lastLines: lastLines(api.log(), 3) }),
      (seen) => seen.draining,
      30_000,
      apiGone,
    );
    // While the request is still open, a new connection is refused (the API is still running: a
    // refusal from a process that has exited would prove nothing).
    await waitForChild(
      'the draining API to refuse a new connection',
      () => connectionTo(api),
      (seen) => seen === 'refused',
      30_000,
      apiGone,
    );
    socket.write(body);
    const [apiExit, workerExit] = await exits;
    await closed;
    const [interim, final] = received.split('\r\n\r\n');
    expect(interim).toBe('HTTP/1.1 100 Continue');
    expect(final.split('\r\n')[0]).toBe('HTTP/1.1 201 Created');
    for (const [proc, exit] of [
      [api, apiExit],
      [worker, workerExit],
    ] as const) {
      // Drained, not cut off by SHUTDOWN_TIMEOUT (that exit is status 1 with "exiting anyway").
      expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
      expect(proc.log()).not.toContain('exiting anyway');
      console.log(`[faults] ${proc.name} SIGTERM: exited in ${exit.tookMs} ms (${exit.signal ?? `status ${exit.code}`})`);
    }
    expect(worker.log()).toContain('worker drained');
  });
});

/** What a new connection to an API process meets now: `refused`, or the status of /health/live. */
function connectionTo(api: LiaisonProcess): Promise<string> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port: api.port, path: '/health/live', agent: false, timeout: 5000 }, (res) => {
      res.resume();
      resolve(`status ${res.statusCode}`);
    });
    req.on('timeout', () => req.destroy(new Error('no answer in 5 s')));
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ECONNREFUSED' ? 'refused' : `error ${error.code ?? error.message}`),
    );
  });
}
