import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { EventSubscriptionStatus, EventType } from '@liaison/domain';
import { OrganizationEntity } from './organization.entity';

/** An organisation's system that hears the events it subscribed to, at `url` (docs/events.md). */
@Entity({ name: 'event_subscriptions' })
@Index('event_subscriptions_organization_idx', ['organizationId', 'createdAt'])
@Check('event_subscriptions_status_check', `"status" IN ('active', 'disabled')`)
export class EventSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'event_subscriptions_organization_fk' })
  organization?: OrganizationEntity;

  @Column({ type: 'text' })
  url!: string;

  @Column({ type: 'text', array: true })
  events!: EventType[];

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text', default: 'active' })
  status!: EventSubscriptionStatus;

  /** Since when every attempt has failed (null: the last attempt succeeded, or none yet). */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince!: Date | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  @Column({ name: 'disabled_reason', type: 'text', nullable: true })
  disabledReason!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/**
 * A secret that signs a subscription's deliveries, shown once when made. The current one has no
 * `expiresAt`; one rotated out signs beside it until `expiresAt`.
 */
@Entity({ name: 'event_subscription_secrets' })
@Index('event_subscription_secrets_current_uq', ['subscriptionId'], { unique: true, where: '"expires_at" IS NULL' })
export class EventSubscriptionSecretEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @ManyToOne(() => EventSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'event_subscription_secrets_subscription_fk' })
  subscription?: EventSubscriptionEntity;

  @Column({ type: 'text' })
  secret!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
