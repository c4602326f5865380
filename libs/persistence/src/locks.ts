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

/** The key space of `lockLane` (two-int advisory locks; the single-key ones of `tryAdvisoryLock` are another space). */
const LANE_LOCKS = 22;

/**
 * Waits for, then holds until this transaction ends, the lock of an event lane (`laneKey()`): the
 * writers of one lane take turns from their event to their commit, so that the outbox's `seq` of a
 * lane follows the order its events committed in, and a reader never sees a later one before an
 * earlier one of the same lane (docs/events.md).
 */
export async function lockLane(uow: UnitOfWork, lane: string): Promise<void> {
  await uow.manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LANE_LOCKS, lane]);
}
