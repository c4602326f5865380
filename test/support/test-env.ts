import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment every integration and e2e test runs with; only names that say "test". */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/liaison_test';
/** Redis database 9, so that a development notifier on the same Redis never takes a test job. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/9';
/**
 * The workflow bundle global setup writes once per run and every Jest worker reads: named after this
 * checkout and test database, so that parallel workers (other processes) find it and other checkouts do not share it.
 */
export const WORKFLOW_BUNDLE_FILE = join(
  tmpdir(),
  `liaison-test-workflow-bundle-${createHash('sha256').update(`${__dirname}|${TEST_DATABASE_URL}`).digest('hex').slice(0, 12)}.js`,
);

export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.replace('/', '');
  if (!/test/.test(name)) throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
}
