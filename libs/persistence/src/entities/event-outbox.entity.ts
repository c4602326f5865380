import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { DeliveredEventType, EventDeliveryStatus } from '@liaison/domain';
import { EventSubscriptionEntity } from './event-subscription.entity';

/**
 * The transactional outbox: one row per event, written in the transaction of the state change it
 * reports, so a rolled-back change never emits and a committed one always does. The relay fans
 * each row out to the subscriptions that hear it (`event_deliveries`) and stamps `relayed_at`.
 */
@Entity({ name: 'event_outbox' })
@Index('event_outbox_unrelayed_idx', ['seq'], { where: '"relayed_at" IS NULL' })
export class EventOutboxEntity {
  /** The event's id: the envelope's `id` and every delivery's `webhook-id`. */
  @PrimaryColumn('uuid')
  id!: string;

  /** Commit order within a lane (the writers of one resource hold its row lock). */
  @Column({ type: 'bigint', generated: 'identity', generatedIdentity: 'ALWAYS', unique: true })
  seq!: string;

  @Column({ type: 'text' })
  type!: DeliveredEventType;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  /** `laneKey()` of the resource: `exchange:<id>`, `series:<id>`, … */
  @Column({ type: 'text' })
  lane!: string;

  /** The organisations that hear it (those taking part in the resource). */
  @Column({ name: 'organization_ids', type: 'uuid', array: true })
  organizationIds!: string[];

  /** Only this subscription hears it (a ping); null: every subscription of the organisations above. */
  @Column({ name: 'subscription_id', type: 'uuid', nullable: true })
  subscriptionId!: string | null;

  /** The envelope's `data`, already cut to what the organisations may see. */
  @Column({ type: 'jsonb' })
  data!: Record<string, unknown>;

  @Column({ name: 'relayed_at', type: 'timestamptz', nullable: true })
  relayedAt!: Date | null;
}

/** One event for one subscription, and its attempts: the delivery log. */
@Entity({ name: 'event_deliveries' })
@Index('event_deliveries_event_uq', ['subscriptionId', 'eventId'], { unique: true })
@Index('event_deliveries_lane_idx', ['subscriptionId', 'lane', 'seq'], { where: `"status" = 'pending'` })
@Index('event_deliveries_due_idx', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('event_deliveries_log_idx', ['subscriptionId', 'createdAt'])
@Check('event_deliveries_status_check', `"status" IN ('pending', 'delivered', 'failed')`)
export class EventDeliveryEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'subscription_id', type: 'uuid' })
  subscriptionId!: string;

  @ManyToOne(() => EventSubscriptionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'subscription_id', foreignKeyConstraintName: 'event_deliveries_subscription_fk' })
  subscription?: EventSubscriptionEntity;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @ManyToOne(() => EventOutboxEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'event_deliveries_event_fk' })
  event?: EventOutboxEntity;

  /** The event's lane and seq, copied: a lane's head is its pending delivery of lowest seq. */
  @Column({ type: 'text' })
  lane!: string;

  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: EventDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt!: Date | null;

  /** The receiver's HTTP status of the last attempt (null: no answer). */
  @Column({ name: 'last_status', type: 'integer', nullable: true })
  lastStatus!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs!: number | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt!: Date;
}
