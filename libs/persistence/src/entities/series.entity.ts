import { Column, Entity, Index } from 'typeorm';
import type { Marking, SeriesStatus } from '@liaison/domain';
import { FollowUpTimes } from './follow-up-times';
import { ConsultationEntity } from './workflow-backed.entity';

/** A recurring consultation: an RFC 5545 rule in a zone, and the defaults of every occurrence. */
@Entity({ name: 'series' })
@Index('series_workflow_unstarted_idx', ['createdAt'], { where: 'workflow_started_at IS NULL' })
export class SeriesEntity extends ConsultationEntity {
  /** Participating organisation codes. */
  @Column({ type: 'text', array: true })
  organizations!: string[];

  /** Host organisation codes, cycled one per occurrence. */
  @Column({ name: 'host_rotation', type: 'text', array: true })
  hostRotation!: string[];

  @Column({ name: 'participant_ids', type: 'uuid', array: true })
  participantIds!: string[];

  @Column({ name: 'reminder_offsets', type: 'text', array: true })
  reminderOffsets!: string[];

  @Column({ type: 'text' })
  rrule!: string;

  /** Local wall-clock start of the first occurrence, `YYYY-MM-DDTHH:mm`. */
  @Column({ type: 'text' })
  dtstart!: string;

  @Column({ type: 'text' })
  timezone!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  exdates!: string[];

  @Column({ name: 'duration_minutes', type: 'int' })
  durationMinutes!: number;

  @Column({ type: 'text', nullable: true })
  location!: string | null;

  @Column({ type: 'text', default: 'UNMARKED' })
  marking!: Marking;

  /** The follow-up times every occurrence gets. */
  @Column(() => FollowUpTimes, { prefix: false })
  followUp!: FollowUpTimes;

  /** How many future occurrences exist as exchanges. */
  @Column({ type: 'int', default: 2 })
  horizon!: number;

  @Column({ type: 'text', default: 'active' })
  status!: SeriesStatus;

  /** Bumped by every amendment. */
  @Column({ type: 'int', default: 1 })
  revision!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;
}
