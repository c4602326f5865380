import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ExchangeEntity } from './exchange.entity';
import { OrganizationEntity } from './organization.entity';

/** One version of an exchange's minutes. Versions are never changed: each change is a new one. */
@Entity({ name: 'minutes_versions' })
export class MinutesVersionEntity {
  @PrimaryColumn({ name: 'exchange_id', type: 'uuid' })
  exchangeId!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @ManyToOne(() => ExchangeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exchange_id', foreignKeyConstraintName: 'minutes_versions_exchange_fk' })
  exchange?: ExchangeEntity;

  @Column({ type: 'text' })
  text!: string;

  @Column({ name: 'drafted_by', type: 'uuid', nullable: true })
  draftedBy!: string | null;

  @Column({ name: 'drafted_at', type: 'timestamptz', default: () => 'now()' })
  draftedAt!: Date;
}

/** An organisation's approval of one version of the minutes. */
@Entity({ name: 'minutes_approvals' })
export class MinutesApprovalEntity {
  @PrimaryColumn({ name: 'exchange_id', type: 'uuid' })
  exchangeId!: string;

  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @PrimaryColumn({ type: 'int' })
  version!: number;

  @ManyToOne(() => ExchangeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exchange_id', foreignKeyConstraintName: 'minutes_approvals_exchange_fk' })
  exchange?: ExchangeEntity;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'minutes_approvals_organization_fk' })
  organization?: OrganizationEntity;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy!: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', default: () => 'now()' })
  approvedAt!: Date;
}
