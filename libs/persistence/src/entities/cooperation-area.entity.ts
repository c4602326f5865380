import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'cooperation_areas' })
export class CooperationAreaEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'int' })
  position!: number;
}
