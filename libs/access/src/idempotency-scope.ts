import { Injectable } from '@nestjs/common';
import { DomainError } from '@liaison/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { IdempotencyKeysRepository, KeyedResource, UnitOfWork } from '@liaison/persistence';

/** The key a request holds while its handler runs. */
export interface HeldKey {
  caller: string;
  key: string;
  lease: string;
  /** What an earlier attempt with this key committed before it failed, if anything. */
  earlier: KeyedResource | null;
}

const held = new AsyncLocalStorage<HeldKey>();

/**
 * How a create that commits a row and then talks to Temporal stays single across a retry with the
 * same `Idempotency-Key`: it notes the row under the key in its own transaction (`recordCreated`),
 * so the note and the row are committed together or not at all; a retry, after a 503, asks
 * `earlier()` for it and completes that row (starts its workflow, signals it) instead of making a
 * second one. Outside a request with a key both do nothing.
 */
@Injectable()
export class IdempotencyScope {
  constructor(private readonly keys: IdempotencyKeysRepository) {}

  /** Runs `work` (the handler) as the holder of `key`. */
  static run<T>(key: HeldKey, work: () => T): T {
    return held.run(key, work);
  }

  /** The id of the `type` an earlier attempt with this request's key committed, if any. */
  earlier(type: string): string | null {
    const current = held.getStore();
    return current?.earlier?.type === type ? current.earlier.id : null;
  }

  /** Notes, inside the create's transaction, the row it made; the transaction fails if the key was taken over meanwhile. */
  async recordCreated(uow: UnitOfWork, type: string, id: string): Promise<void> {
    const current = held.getStore();
    if (!current) return;
    if (!(await this.keys.recordCreated(current.caller, current.key, current.lease, { type, id }, uow))) {
      throw DomainError.conflict(
        'IDEMPOTENCY.IN_PROGRESS',
        'this request outlived its hold on the Idempotency-Key and a retry took it over; nothing was created by this one',
      );
    }
  }
}
