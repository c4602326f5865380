import { Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import type { ExchangeStatus, Marking } from '@liaison/domain';
import { FollowUpTimes } from './follow-up-times';
import { OrganizationEntity } from './organization.entity';
import { SeriesEntity } from './series.entity';
import { ConsultationEntity } from './workflow-backed.entity';

@Entity({ name: 'exchanges' })
@Index('exchanges_workflow_unstarted_idx', ['createdAt'], { where: 'workflow_started_at IS NULL' })
@Index('exchanges_starts_at_idx', ['startsAt', 'id'])
@Index('exchanges_series_slot_unique', ['seriesId', 'slotStart'], { unique: true })
export class ExchangeEntity extends ConsultationEntity {
  @Column({ name: 'host_organization_id', type: 'uuid' })
  hostOrganizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'host_organization_id',
    foreignKeyConstraintName: 'exchanges_host_organization_fk',
  })
  hostOrganization?: OrganizationEntity;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes!: number;

  @Column({ type: 'text' })
  timezone!: string;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ type: 'text', default: 'UNMARKED' })
  marking!: Marking;

  @Column({ name: 'reminder_offsets', type: 'text', array: true })
  reminderOffsets!: string[];

  /** Confirmation deadline, agenda freeze, minutes due, action-item notice and grace. */
  @Column(() => FollowUpTimes, { prefix: false })
  followUp!: FollowUpTimes;

  /** When the agenda froze (recorded by the workflow at `startsAt - agendaFreeze`). */
  @Column({ name: 'agenda_frozen_at', type: 'timestamptz', nullable: true })
  agendaFrozenAt!: Date | null;

  /** When every organisation had approved the current minutes version. */
  @Column({ name: 'minutes_locked_at', type: 'timestamptz', nullable: true })
  minutesLockedAt!: Date | null;

  @Index('exchanges_status_idx')
  @Column({ type: 'text', default: 'scheduled' })
  status!: ExchangeStatus;

  /** Bumped by every reschedule; a reminder of an older revision is stale and never sent. */
  @Column({ name: 'schedule_revision', type: 'int', default: 1 })
  scheduleRevision!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  /** The series this exchange is an occurrence of, if any. */
  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId!: string | null;

  @ManyToOne(() => SeriesEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'series_id', foreignKeyConstraintName: 'exchanges_series_fk' })
  series?: SeriesEntity;

  /** The occurrence's slot: its start under the series rule that made it. Unique per series. */
  @Column({ name: 'slot_start', type: 'timestamptz', nullable: true })
  slotStart!: Date | null;

  /** Rescheduled or cancelled on its own: series amendments leave it alone. */
  @Column({ type: 'boolean', default: false })
  detached!: boolean;

  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason!: string | null;
}
