// The data-access layer's own lock helpers: like the repositories, they may hold SQL.
import type { EntityManager } from 'typeorm';
import type { UnitOfWork } from './unit-of-work';

/**
 * Whether this transaction got the advisory lock `key` (held until it ends); false at once when
 * another transaction holds it. The scheduled passes that many processes run take turns on one.
 */
export async function tryAdvisoryLock(within: UnitOfWork | EntityManager, key: number): Promise<boolean> {
  const manager = 'manager' in within ? within.manager : within;
  const [{ locked }] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock($1) AS locked', [key]);
  return locked;
}
