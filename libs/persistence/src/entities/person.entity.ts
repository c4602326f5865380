import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Language, PersonLevel, PersonRole } from '@liaison/domain';
import { OrganizationEntity } from './organization.entity';

@Entity({ name: 'people' })
@Check('people_language_check', `"language" IN ('en', 'fr')`)
@Index('people_email_unique', { synchronize: false })
export class PersonEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  email!: string;

  @Index('people_organization_idx')
  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'people_organization_fk',
  })
  organization?: OrganizationEntity;

  @Column({ type: 'text' })
  level!: PersonLevel;

  @Column({ type: 'text', array: true })
  roles!: PersonRole[];

  @Column({ type: 'text' })
  timezone!: string;

  @Column({ name: 'email_enabled', type: 'boolean', default: false })
  emailEnabled!: boolean;

  @Column({ name: 'webhook_url', type: 'text', nullable: true })
  webhookUrl!: string | null;

  @Column({ name: 'quiet_hours_start', type: 'text', nullable: true })
  quietHoursStart!: string | null;

  @Column({ name: 'quiet_hours_end', type: 'text', nullable: true })
  quietHoursEnd!: string | null;

  /** The language they are written to in; null: their organisation's `defaultLanguage`. */
  @Column({ type: 'text', nullable: true })
  language!: Language | null;

  /** Opted in to the morning digest. */
  @Column({ name: 'digest_enabled', type: 'boolean', default: false })
  digestEnabled!: boolean;

  /** When their next digest is due (07:00 of a working day, after quiet hours); null while the notifier has not planned it. */
  @Index('people_digest_due_idx', { synchronize: false })
  @Column({ name: 'digest_due_at', type: 'timestamptz', nullable: true })
  digestDueAt!: Date | null;

  /** Set when the person leaves: their tokens, feed, webhook and reminders stop until reactivated (null = active). */
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true })
  deactivatedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
