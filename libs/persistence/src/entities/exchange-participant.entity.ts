import { Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { ExchangeEntity } from './exchange.entity';
import { PersonEntity } from './person.entity';

@Entity({ name: 'exchange_participants' })
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
}
