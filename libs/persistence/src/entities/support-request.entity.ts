import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Marking, SupportPriority, SupportRequestStatus } from '@liaison/domain';
import { A4pAreaEntity } from './a4p-area.entity';
import { OrganizationEntity } from './organization.entity';
import { WorkflowBackedEntity } from './workflow-backed.entity';

/**
 * A request for support (A4P) from a requesting organisation's mission or unit to a providing
 * organisation. Its state is written by `supportRequestWorkflow`'s activities; its deadlines and
 * timeline live in their own tables.
 */
@Entity({ name: 'support_requests' })
@Index('support_requests_workflow_unstarted_idx', ['createdAt'], { where: 'workflow_started_at IS NULL' })
@Index('support_requests_status_idx', ['status', 'createdAt'])
export class SupportRequestEntity extends WorkflowBackedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  @Column({ name: 'requesting_organization_id', type: 'uuid' })
  requestingOrganizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requesting_organization_id', foreignKeyConstraintName: 'support_requests_requesting_fk' })
  requestingOrganization?: OrganizationEntity;

  /** The mission or unit asking, as free text (a mission's acronym, a department). */
  @Column({ name: 'requesting_unit', type: 'text' })
  requestingUnit!: string;

  @Column({ name: 'providing_organization_id', type: 'uuid' })
  providingOrganizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'providing_organization_id', foreignKeyConstraintName: 'support_requests_providing_fk' })
  providingOrganization?: OrganizationEntity;

  @Column({ name: 'area_code', type: 'text' })
  areaCode!: string;

  @Column({ name: 'a4p_area_code', type: 'text' })
  a4pAreaCode!: string;

  @ManyToOne(() => A4pAreaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'a4p_area_code', foreignKeyConstraintName: 'support_requests_a4p_area_fk' })
  a4pArea?: A4pAreaEntity;

  @Column({ type: 'text' })
  priority!: SupportPriority;

  /** A calendar date (YYYY-MM-DD). */
  @Column({ name: 'needed_by', type: 'date' })
  neededBy!: string;

  @Column({ type: 'text', default: 'UNMARKED' })
  marking!: Marking;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  links!: string[];

  @Column({ type: 'text', default: 'submitted' })
  status!: SupportRequestStatus;

  @Column({ name: 'submitted_by', type: 'uuid', nullable: true })
  submittedBy!: string | null;

  @Column({ name: 'assignee_id', type: 'uuid', nullable: true })
  assigneeId!: string | null;

  @Column({ type: 'text', nullable: true })
  recommendation!: 'approve' | 'decline' | null;

  @Column({ name: 'recommendation_rationale', type: 'text', nullable: true })
  recommendationRationale!: string | null;

  @Column({ name: 'recommended_by', type: 'uuid', nullable: true })
  recommendedBy!: string | null;

  @Column({ type: 'text', nullable: true })
  decision!: 'approve' | 'decline' | null;

  @Column({ name: 'decision_rationale', type: 'text', nullable: true })
  decisionRationale!: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'delivery_summary', type: 'text', nullable: true })
  deliverySummary!: string | null;
}
