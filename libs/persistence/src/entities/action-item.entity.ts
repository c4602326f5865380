import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ActionItemStatus } from '@liaison/domain';
import { ExchangeEntity } from './exchange.entity';
import { PersonEntity } from './person.entity';

/**
 * Something agreed at an exchange that one person owns until it is done or dropped. `revision` is
 * bumped by every change of owner, due time or status; a reminder of an older revision is stale.
 * `remindedAt`, `overdueAt` and `escalatedAt` record the follow-up stages of the current revision.
 */
@Entity({ name: 'action_items' })
@Index('action_items_exchange_idx', ['exchangeId', 'dueAt'])
@Index('action_items_owner_idx', ['ownerId', 'status', 'dueAt'])
@Index('action_items_workflow_unsignalled_idx', ['revisedAt'], { where: 'workflow_signalled_at IS NULL' })
export class ActionItemEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'exchange_id', type: 'uuid' })
  exchangeId!: string;

  @ManyToOne(() => ExchangeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'exchange_id', foreignKeyConstraintName: 'action_items_exchange_fk' })
  exchange?: ExchangeEntity;

  @Column({ type: 'text' })
  title!: string;

  @Column({ name: 'owner_id', type: 'uuid' })
  ownerId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'action_items_owner_fk' })
  owner?: PersonEntity;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text', default: 'open' })
  status!: ActionItemStatus;

  @Column({ type: 'int', default: 1 })
  revision!: number;

  /** When the current revision took effect: stages due before it are not sent. */
  @Column({ name: 'revised_at', type: 'timestamptz', default: () => 'now()' })
  revisedAt!: Date;

  @Column({ name: 'reminded_at', type: 'timestamptz', nullable: true })
  remindedAt!: Date | null;

  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt!: Date | null;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  /**
   * When the exchange's workflow was told of this revision; null from a create or a revision until
   * then (the workflow start relay tells it of such items).
   */
  @Column({ name: 'workflow_signalled_at', type: 'timestamptz', nullable: true })
  workflowSignalledAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
