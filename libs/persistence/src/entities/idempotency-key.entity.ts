import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a POST sent with an `Idempotency-Key`, per caller: a repeat with the same key
 * and body gets it again; the same key with another body is refused. `status` is null while the
 * first request is still running. The answer of a route that returns a secret is never stored.
 */
@Entity({ name: 'idempotency_keys' })
export class IdempotencyKeyEntity {
  /** `person:<id>` or `admin-token`. */
  @PrimaryColumn({ type: 'text' })
  caller!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'text' })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  /** SHA-256 of the request body, canonically serialised. */
  @Column({ name: 'body_hash', type: 'text' })
  bodyHash!: string;

  @Column({ type: 'int', nullable: true })
  status!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  response!: unknown;

  /** The request holding the key (a random id), until `lockedUntil`; both null when none holds it. */
  @Column({ type: 'uuid', nullable: true })
  lease!: string | null;

  /** The end of the holder's lease, extended while it runs; once past, a retry may take the key over. */
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  /** What a create committed under the key (written in its transaction), so a retry completes it instead. */
  @Column({ name: 'resource_type', type: 'text', nullable: true })
  resourceType!: string | null;

  @Column({ name: 'resource_id', type: 'uuid', nullable: true })
  resourceId!: string | null;

  /** The purge removes keys older than IDEMPOTENCY_KEY_LIFETIME, oldest first. */
  @Index('idempotency_keys_created_at_idx')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
