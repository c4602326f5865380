import { Worker } from 'bullmq';
import Redis from 'ioredis';
import { Webhook } from 'standardwebhooks';

/**
 * bench:events' bare BullMQ baseline, the worker: a process of its own, as the notifier is for the
 * pipeline, taking the jobs of BARE_QUEUE (prefix BARE_PREFIX) on BARE_REDIS_URL with BARE_CONCURRENCY
 * and POSTing each job's envelope, signed with BARE_SECRET (Standard Webhooks), to BARE_RECEIVER_URL.
 * Prints `ready` once it listens for jobs; SIGTERM closes it.
 */
async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const url = env('BARE_RECEIVER_URL');
  const signer = new Webhook(env('BARE_SECRET'));
  const connection = new Redis(env('BARE_REDIS_URL'), { maxRetriesPerRequest: null });
  const worker = new Worker<Record<string, unknown>>(
    env('BARE_QUEUE'),
    async (job) => {
      const body = JSON.stringify(job.data);
      const now = new Date();
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': job.id!,
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': signer.sign(job.id!, now, body),
        },
        body,
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`receiver answered ${res.status}`);
    },
    { connection, prefix: env('BARE_PREFIX'), concurrency: Number(env('BARE_CONCURRENCY')) },
  );
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
  process.once('SIGTERM', () => {
    void worker.close().then(() => {
      connection.disconnect();
      process.exit(0);
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`bare event worker: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
