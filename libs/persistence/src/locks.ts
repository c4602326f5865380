import type { EntityManager } from 'typeorm';
import { ExchangeEntity } from './entities';

/**
 * The exchange row, locked (`FOR UPDATE`) for the rest of the caller's transaction: the writers of
 * one exchange (workflow activities, agenda edits, the freeze) take turns on it.
 */
export function lockExchange(manager: EntityManager, id: string): Promise<ExchangeEntity> {
  return manager.findOneOrFail(ExchangeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
}
