import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ExchangeEntity } from './exchange.entity';
import { OrganizationEntity } from './organization.entity';

/** A participating organisation of an exchange and its confirmation. */
@Entity({ name: 'exchange_organizations' })
export class ExchangeOrganizationEntity {
  @PrimaryColumn({ name: 'exchange_id', type: 'uuid' })
  exchangeId!: string;

  @PrimaryColumn({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => ExchangeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'exchange_id',
    foreignKeyConstraintName: 'exchange_organizations_exchange_fk',
  })
  exchange?: ExchangeEntity;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'organization_id',
    foreignKeyConstraintName: 'exchange_organizations_organization_fk',
  })
  organization?: OrganizationEntity;

  @Column({ name: 'confirmed_at', type: 'timestamptz', nullable: true })
  confirmedAt!: Date | null;

  @Column({ name: 'confirmed_by', type: 'uuid', nullable: true })
  confirmedBy!: string | null;

  /** When its coordinators were reminded that the confirmation deadline had passed. */
  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  /** When its senior-level participants were told, a further interval later. */
  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;
}
