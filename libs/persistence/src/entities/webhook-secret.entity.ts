import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrganizationEntity } from './organization.entity';

/**
 * A secret that signs the webhooks of an organisation's people. Kept as it is (the notifier signs
 * with it), shown once when made. The current one has no `expiresAt`; one rotated out keeps
 * signing, beside the current one, until `expiresAt`.
 */
@Entity({ name: 'webhook_secrets' })
@Index('webhook_secrets_current_uq', ['organizationId'], { unique: true, where: '"expires_at" IS NULL' })
export class WebhookSecretEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'webhook_secrets_organization_fk' })
  organization?: OrganizationEntity;

  @Column({ type: 'text' })
  secret!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When it stops signing; null: the current secret. */
  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
