import type { EntityManager } from 'typeorm';
import { ExchangeEntity } from './entities';

/**
 * The exchange row, locked (`FOR UPDATE`) for the rest of the caller's transaction: the writers of
 * one exchange (workflow activities, agenda edits, the freeze) take turns on it.
 */
export function lockExchange(manager: EntityManager, id: string): Promise<ExchangeEntity> {
  return manager.findOneOrFail(ExchangeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
}

/**
 * Whether this transaction got the advisory lock `key` (held until it ends); false at once when
 * another transaction holds it. The scheduled passes that many processes run take turns on one.
 */
export async function tryAdvisoryLock(manager: EntityManager, key: number): Promise<boolean> {
  const [{ locked }] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock($1) AS locked', [key]);
  return locked;
}
