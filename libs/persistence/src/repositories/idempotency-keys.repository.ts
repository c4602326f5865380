import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { DataSource } from 'typeorm';
import { IdempotencyKeyEntity } from '../entities';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** What identifies a request under a key: the caller's key, and what it was first sent for. */
export interface KeyedRequest {
  caller: string;
  key: string;
  method: string;
  path: string;
  bodyHash: string;
}

/** A resource a create committed under a key: its kind (the audit trail's entity type) and id. */
export interface KeyedResource {
  type: string;
  id: string;
}

/** The outcome of a claim: the key is ours (with what an earlier holder committed under it), or not. */
export type Claim = { claimed: true; earlier: KeyedResource | null } | { claimed: false };

const MS = `* interval '1 millisecond'`;

/**
 * Every query of `idempotency_keys`. A key is claimed with a lease (`lease`, `locked_until`) that its
 * request renews while it runs; once the lease has passed (the request died), a retry with the same
 * path and body takes the key over. Each write after the claim names the lease, so a request that
 * lost its key to a retry writes nothing.
 */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  /**
   * In one statement (the row lock of `ON CONFLICT DO UPDATE` makes it a compare-and-set, so two
   * retries cannot both win): a new key; an expired one, started afresh; or one whose request died
   * (no answer, lease passed, same path and body), taken over with what it had committed.
   */
  async claim(request: KeyedRequest, lease: string): Promise<Claim> {
    const expired = `k.created_at < now() - $8 ${MS}`;
    const rows: Array<{ resource_type: string | null; resource_id: string | null }> = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS k (caller, key, method, path, body_hash, lease, locked_until)
       VALUES ($1, $2, $3, $4, $5, $6, now() + $7 ${MS})
       ON CONFLICT (caller, key) DO UPDATE
          SET method = EXCLUDED.method, path = EXCLUDED.path, body_hash = EXCLUDED.body_hash,
              lease = EXCLUDED.lease, locked_until = EXCLUDED.locked_until, status = NULL, response = NULL,
              resource_type = CASE WHEN ${expired} THEN NULL ELSE k.resource_type END,
              resource_id = CASE WHEN ${expired} THEN NULL ELSE k.resource_id END,
              created_at = CASE WHEN ${expired} THEN now() ELSE k.created_at END
        WHERE ${expired}
           OR (k.status IS NULL AND (k.locked_until IS NULL OR k.locked_until < now())
               AND k.path = EXCLUDED.path AND k.body_hash = EXCLUDED.body_hash)
       RETURNING resource_type, resource_id`,
      [
        request.caller,
        request.key,
        request.method,
        request.path,
        request.bodyHash,
        lease,
        this.config.idempotency.leaseMs,
        this.config.idempotency.keyLifetimeMs,
      ],
    );
    if (rows.length === 0) return { claimed: false };
    const [{ resource_type: type, resource_id: id }] = rows;
    return { claimed: true, earlier: type && id ? { type, id } : null };
  }

  find(caller: string, key: string): Promise<IdempotencyKeyEntity | null> {
    return this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ caller, key });
  }

  /** Extends the lease while its request runs; false once another request has taken the key. */
  async renew(caller: string, key: string, lease: string): Promise<boolean> {
    const [, count] = await this.dataSource.query<[unknown, number]>(
      `UPDATE idempotency_keys SET locked_until = now() + $4 ${MS} WHERE caller = $1 AND key = $2 AND lease = $3`,
      [caller, key, lease, this.config.idempotency.leaseMs],
    );
    return count > 0;
  }

  /** Keeps the answer (`undefined`: none, for a route whose whole answer is a secret) and lets go of the key. */
  async complete(caller: string, key: string, lease: string, status: number, response: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = $4, response = $5::jsonb, lease = NULL, locked_until = NULL
        WHERE caller = $1 AND key = $2 AND lease = $3`,
      [caller, key, lease, status, response === undefined ? null : JSON.stringify(response)],
    );
  }

  /**
   * After a failure: a key under which nothing was committed is forgotten, so the request can be
   * sent again as new; one under which a create was committed is kept and let go, so a retry finds
   * what was made and completes it.
   */
  async release(caller: string, key: string, lease: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE caller = $1 AND key = $2 AND lease = $3 AND resource_id IS NULL`, [
      caller,
      key,
      lease,
    ]);
    await this.dataSource.query(
      `UPDATE idempotency_keys SET lease = NULL, locked_until = NULL WHERE caller = $1 AND key = $2 AND lease = $3`,
      [caller, key, lease],
    );
  }

  /** Notes, in the create's own transaction, what it committed under the key; false if the key is no longer held. */
  async recordCreated(caller: string, key: string, lease: string, resource: KeyedResource, uow: UnitOfWork): Promise<boolean> {
    const [, count] = await uow.manager.query<[unknown, number]>(
      `UPDATE idempotency_keys SET resource_type = $4, resource_id = $5 WHERE caller = $1 AND key = $2 AND lease = $3`,
      [caller, key, lease, resource.type, resource.id],
    );
    return count > 0;
  }

  /** Deletes up to `limit` keys older than the key lifetime, oldest first; returns how many. */
  async purgeExpired(limit: number, uow?: UnitOfWork): Promise<number> {
    const [, count] = await managerOf(this.dataSource, uow).query<[unknown, number]>(
      `DELETE FROM idempotency_keys WHERE ctid = ANY(ARRAY(
         SELECT ctid FROM idempotency_keys WHERE created_at < now() - $1 ${MS} ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED))`,
      [this.config.idempotency.keyLifetimeMs, limit],
    );
    return count;
  }
}
