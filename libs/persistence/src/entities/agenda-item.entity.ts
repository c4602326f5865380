import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { AgendaItemState } from '@liaison/domain';
import { ExchangeEntity } from './exchange.entity';
import { OrganizationEntity } from './organization.entity';
import { PersonEntity } from './person.entity';

/** `open`, or `carried` to the next occurrence of its series (it then lives on there). */

/**
 * One item on an exchange's agenda. Proposed by one organisation, it awaits the others until each
 * has accepted it (`acceptedBy`, organisation codes). `carriedFromId` links an item carried from an
 * earlier occurrence; `actionItemId` one that follows up an open action item; `supportRequestId` one that raises a support request.
 */
@Entity({ name: 'agenda_items' })
@Index('agenda_items_exchange_idx', ['exchangeId', 'position'])
export class AgendaItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'exchange_id', type: 'uuid' })
  exchangeId!: string;

  @ManyToOne(() => ExchangeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exchange_id', foreignKeyConstraintName: 'agenda_items_exchange_fk' })
  exchange?: ExchangeEntity;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'area_code', type: 'text' })
  areaCode!: string;

  @Column({ name: 'proposing_organization_id', type: 'uuid' })
  proposingOrganizationId!: string;

  @ManyToOne(() => OrganizationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'proposing_organization_id', foreignKeyConstraintName: 'agenda_items_organization_fk' })
  proposingOrganization?: OrganizationEntity;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'agenda_items_owner_fk' })
  owner?: PersonEntity;

  @Column({ name: 'accepted_by', type: 'text', array: true, default: () => "'{}'" })
  acceptedBy!: string[];

  @Column({ type: 'text', default: 'open' })
  state!: AgendaItemState;

  @Column({ name: 'carried_from_id', type: 'uuid', nullable: true })
  carriedFromId!: string | null;

  @Column({ name: 'action_item_id', type: 'uuid', nullable: true })
  actionItemId!: string | null;

  /** The support request this item puts before the meeting, if any. */
  @Column({ name: 'support_request_id', type: 'uuid', nullable: true })
  supportRequestId!: string | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
