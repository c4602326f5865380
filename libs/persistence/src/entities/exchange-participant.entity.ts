import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AttendanceStatus } from '@liaison/domain';
import { ExchangeEntity } from './exchange.entity';
import { PersonEntity } from './person.entity';

@Entity({ name: 'exchange_participants' })
@Check('exchange_participants_attendance_check', `"attendance" IN ('needs-action', 'accepted', 'tentative', 'declined', 'delegated')`)
export class ExchangeParticipantEntity {
  @PrimaryColumn({ name: 'exchange_id', type: 'uuid' })
  exchangeId!: string;

  @Index('exchange_participants_person_idx')
  @PrimaryColumn({ name: 'person_id', type: 'uuid' })
  personId!: string;

  @ManyToOne(() => ExchangeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'exchange_id',
    foreignKeyConstraintName: 'exchange_participants_exchange_fk',
  })
  exchange?: ExchangeEntity;

  @ManyToOne(() => PersonEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'person_id',
    foreignKeyConstraintName: 'exchange_participants_person_fk',
  })
  person?: PersonEntity;

  /** Whether they attend: `needs-action` until they answer. */
  @Column({ type: 'text', default: 'needs-action' })
  attendance!: AttendanceStatus;

  @Column({ name: 'responded_at', type: 'timestamptz', nullable: true })
  respondedAt!: Date | null;

  /** The colleague a `delegated` attendance went to. */
  @Column({ name: 'delegated_to', type: 'uuid', nullable: true })
  delegatedTo!: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'delegated_to', foreignKeyConstraintName: 'exchange_participants_delegated_to_fk' })
  delegate?: PersonEntity | null;

  /** For a participant by delegation: who handed it on. */
  @Column({ name: 'delegated_from', type: 'uuid', nullable: true })
  delegatedFrom!: string | null;

  @ManyToOne(() => PersonEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'delegated_from', foreignKeyConstraintName: 'exchange_participants_delegated_from_fk' })
  delegator?: PersonEntity | null;
}
