// The data-access layer's own migration runner: like the repositories, it may hold SQL.
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';

/** An arbitrary constant shared by every process: only one of them migrates at a time. */
const MIGRATION_LOCK_KEY = 4_207_310_001;

/**
 * Applies pending migrations while holding a Postgres advisory lock, so that several processes
 * starting together migrate once; the others wait, then find nothing left to do.
 */
export async function runMigrations(dataSource: DataSource, logger = new Logger('Migrations')): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    const names = applied.map((m) => m.name);
    if (names.length > 0) logger.log(`applied ${names.length} migration(s): ${names.join(', ')}`);
    return names;
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}
