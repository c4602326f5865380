import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditDetails } from './audit-event.entity';
import { SupportRequestEntity } from './support-request.entity';

/**
 * The timeline of a request: every step (with the state it left and reached), every message of
 * the thread, every deadline reminder, breach and escalation.
 */
@Entity({ name: 'support_request_events' })
@Index('support_request_events_request_idx', ['supportRequestId', 'at'])
export class SupportRequestEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'support_request_id', type: 'uuid' })
  supportRequestId!: string;

  @ManyToOne(() => SupportRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'support_request_id', foreignKeyConstraintName: 'support_request_events_request_fk' })
  supportRequest?: SupportRequestEntity;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'actor_type', type: 'text' })
  actorType!: 'person' | 'admin-token' | 'system';

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'text', nullable: true })
  toStatus!: string | null;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  details!: AuditDetails | null;
}
