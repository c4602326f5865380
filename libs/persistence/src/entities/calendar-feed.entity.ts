import { CreateDateColumn, Entity, Index, JoinColumn, OneToOne, PrimaryColumn, Column } from 'typeorm';
import { PersonEntity } from './person.entity';

/**
 * A person's calendar feed: one live feed token per person, of which only the SHA-256 is kept (the
 * token itself is shown once, when made). Revoking the feed deletes the row; a rotation replaces the hash.
 */
@Entity({ name: 'calendar_feeds' })
export class CalendarFeedEntity {
  @PrimaryColumn({ name: 'person_id', type: 'uuid', primaryKeyConstraintName: 'calendar_feeds_pkey' })
  personId!: string;

  @OneToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'calendar_feeds_person_fk' })
  person?: PersonEntity;

  @Index('calendar_feeds_token_hash_uq', { unique: true })
  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  /** When this token was made (first read of the address, or the last rotation). */
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
