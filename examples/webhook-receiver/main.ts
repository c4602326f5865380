/**
 * Runs the example receiver on its own (README.md):
 *   WEBHOOK_SECRET=whsec_… PORT=4000 node -r @swc-node/register examples/webhook-receiver/main.ts
 * WEBHOOK_SECRET may hold several secrets separated by commas (while one is being rotated).
 * Prints one JSON line per event taken.
 */
import { startReceiver } from './receiver';

async function main(): Promise<void> {
  const secrets = (process.env.WEBHOOK_SECRET ?? '')
    .split(',')
    .map((secret) => secret.trim())
    .filter((secret) => secret.length > 0);
  if (secrets.length === 0) throw new Error('WEBHOOK_SECRET is required: the subscription secret (whsec_…) Liaison showed once');
  const receiver = await startReceiver({
    secrets,
    port: Number(process.env.PORT ?? 4000),
    host: process.env.HOST ?? '127.0.0.1',
    onEvent: (envelope, webhookId) => console.log(JSON.stringify({ webhookId, ...envelope })),
  });
  console.log(`listening on ${receiver.url}`);
  const stop = (): void => {
    void receiver.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
