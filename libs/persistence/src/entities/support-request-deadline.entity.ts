import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { SupportDeadlineKind } from '@liaison/domain';
import { SupportRequestEntity } from './support-request.entity';

/**
 * One service-level deadline of a request. `pausedAt`: the clock stands still (the provider waits
 * for the requester's information); resuming moves `dueAt` by the working time spent waiting and
 * bumps `revision`, so reminders planned for the old time are dropped.
 */
@Entity({ name: 'support_request_deadlines' })
export class SupportRequestDeadlineEntity {
  @PrimaryColumn({ name: 'support_request_id', type: 'uuid' })
  supportRequestId!: string;

  @ManyToOne(() => SupportRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'support_request_id', foreignKeyConstraintName: 'support_request_deadlines_request_fk' })
  supportRequest?: SupportRequestEntity;

  @PrimaryColumn({ type: 'text' })
  kind!: SupportDeadlineKind;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'met_at', type: 'timestamptz', nullable: true })
  metAt!: Date | null;

  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt!: Date | null;

  @Column({ type: 'int', default: 1 })
  revision!: number;

  /** When the breach was told to the providing organisation's coordinators; when escalated to its senior level. */
  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt!: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;
}
