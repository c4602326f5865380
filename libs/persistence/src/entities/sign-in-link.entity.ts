import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { PersonEntity } from './person.entity';

/** A sign-in link sent by e-mail: single use (`usedAt`), short-lived; only the SHA-256 of its secret is kept. */
@Entity({ name: 'sign_in_links' })
@Unique('sign_in_links_token_hash_unique', ['tokenHash'])
export class SignInLinkEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'sign_in_links_pk' })
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'sign_in_links_person_fk' })
  person?: PersonEntity;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** The page of the web app the person asked for before signing in, where the link lands them. */
  @Column({ type: 'text', nullable: true })
  next!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Index('sign_in_links_expires_idx')
  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;
}
