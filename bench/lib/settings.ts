import { Client as PgClient } from 'pg';
import Redis from 'ioredis';

const database = process.env.BENCH_DATABASE ?? 'liaison_bench';
// It goes into CREATE DATABASE as it is.
if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`BENCH_DATABASE must be a plain lower-case name, not "${database}"`);
const redisDb = process.env.BENCH_REDIS_DB ?? '13';
if (!/^\d+$/.test(redisDb)) throw new Error(`BENCH_REDIS_DB must be a Redis database number, not "${redisDb}"`);

/**
 * Where the bench's own stack lives, apart from a development stack (`liaison`, port 3000) and the
 * tests (`liaison_test*`, Redis databases 9-12): its own database and Redis database (BENCH_DATABASE
 * and BENCH_REDIS_DB, for a second bench beside the first) and queue prefix. Ports and the Temporal
 * dev server are each stack's own (BenchStack).
 */
export const BENCH = {
  database,
  databaseUrl: `postgres://postgres@127.0.0.1:5432/${database}`,
  adminUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  redisUrl: `redis://127.0.0.1:6379/${redisDb}`,
  queuePrefix: 'liaison-bench',
  adminToken: 'liaison-bench-admin-token',
};

/** An empty database (the processes migrate it at start-up) and an empty queue for each run. */
export async function resetState(): Promise<void> {
  const admin = new PgClient({ connectionString: BENCH.adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${BENCH.database}`);
  } finally {
    await admin.end();
  }
  await withDatabase(async (db) => {
    await db.query('DROP SCHEMA public CASCADE');
    await db.query('CREATE SCHEMA public');
  });
  const redis = new Redis(BENCH.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  try {
    await deleteKeys(redis, `${BENCH.queuePrefix}*`);
  } finally {
    redis.disconnect();
  }
}

/** Deletes the keys matching `pattern`, a batch at a time (never FLUSHDB: the Redis is shared). */
export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Runs `work` with a connection to the bench database. */
export async function withDatabase<T>(work: (db: PgClient) => Promise<T>): Promise<T> {
  const db = new PgClient({ connectionString: BENCH.databaseUrl });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}
