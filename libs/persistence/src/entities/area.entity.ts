import { Column, PrimaryColumn } from 'typeorm';

/** An area of cooperation or commitment: a code, its name, and where it stands in lists. */
export abstract class AreaEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'int' })
  position!: number;
}
