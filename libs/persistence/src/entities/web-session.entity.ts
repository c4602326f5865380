import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { PersonEntity } from './person.entity';

/** How a web session was opened. */
export type SignInMethod = 'email-link' | 'oidc';

/**
 * A session of the web app: opened by a sign-in, carried by an HttpOnly cookie whose secret is kept
 * only as its SHA-256; ended by sign-out, by its owner (revoked), by its lifetime or by idleness.
 */
@Entity({ name: 'web_sessions' })
@Unique('web_sessions_secret_hash_unique', ['secretHash'])
@Index('web_sessions_person_idx', ['personId', 'createdAt'])
export class WebSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'web_sessions_pk' })
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'web_sessions_person_fk' })
  person?: PersonEntity;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Column({ type: 'text' })
  method!: SignInMethod;

  /** The browser's User-Agent when it signed in, so that its owner can tell their sessions apart. */
  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;

  /** The client address it signed in from. */
  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** Roughly when it was last used (written at most once a minute). */
  @Column({ name: 'last_used_at', type: 'timestamptz', default: () => 'now()' })
  lastUsedAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
