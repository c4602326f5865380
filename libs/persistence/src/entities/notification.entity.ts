import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PersonEntity } from './person.entity';

/** An entry of a person's in-app inbox. A reminder delivers at most one (unique reminder_id). */
@Entity({ name: 'notifications' })
@Index('notifications_person_idx', ['personId', 'deliveredAt', 'id'])
export class NotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => PersonEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'person_id',
    foreignKeyConstraintName: 'notifications_person_fk',
  })
  person?: PersonEntity;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'exchange_id', type: 'uuid', nullable: true })
  exchangeId!: string | null;

  @Column({ name: 'support_request_id', type: 'uuid', nullable: true })
  supportRequestId!: string | null;

  @Column({ name: 'reminder_id', type: 'uuid', nullable: true, unique: true })
  reminderId!: string | null;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt!: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz' })
  deliveredAt!: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt!: Date | null;
}
