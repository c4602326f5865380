import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * The first answer to a POST sent with an `Idempotency-Key`, per caller: a repeat with the same key
 * and body gets it again; the same key with another body is refused. `status` is null while the
 * first request is still running.
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

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
