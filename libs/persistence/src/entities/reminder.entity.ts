import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ReminderStatus, ReminderKind, Channel } from '@liaison/domain';
import { ActionItemEntity } from './action-item.entity';
import { ExchangeEntity } from './exchange.entity';
import { PersonEntity } from './person.entity';
import { SupportRequestEntity } from './support-request.entity';

/** One delivery to one person on one channel. `key` is unique and is also the queue job id. */
@Entity({ name: 'reminders' })
@Index('reminders_exchange_idx', ['exchangeId', 'dueAt'])
@Index('reminders_status_due_idx', ['status', 'dueAt'])
export class ReminderEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  key!: string;

  /** The exchange the reminder is about; null for a support request's. */
  @Column({ name: 'exchange_id', type: 'uuid', nullable: true })
  exchangeId!: string | null;

  @ManyToOne(() => ExchangeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'exchange_id',
    foreignKeyConstraintName: 'reminders_exchange_fk',
  })
  exchange?: ExchangeEntity;

  /** The exchange's schedule revision; for an action-item reminder, the action item's revision. */
  @Column({ type: 'int' })
  revision!: number;

  /** The action item this reminder is about, if any. */
  @Column({ name: 'action_item_id', type: 'uuid', nullable: true })
  actionItemId!: string | null;

  @ManyToOne(() => ActionItemEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'action_item_id', foreignKeyConstraintName: 'reminders_action_item_fk' })
  actionItem?: ActionItemEntity;

  /** The support request this reminder is about, if any; its revision is then the deadline's. */
  @Column({ name: 'support_request_id', type: 'uuid', nullable: true })
  supportRequestId!: string | null;

  @ManyToOne(() => SupportRequestEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'support_request_id', foreignKeyConstraintName: 'reminders_support_request_fk' })
  supportRequest?: SupportRequestEntity;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'person_id',
    foreignKeyConstraintName: 'reminders_person_fk',
  })
  person?: PersonEntity;

  @Column({ type: 'text' })
  channel!: Channel;

  @Column({ type: 'text' })
  offset!: string;

  @Column({ type: 'text', default: 'exchange' })
  kind!: ReminderKind;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ type: 'text', default: 'scheduled' })
  status!: ReminderStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
