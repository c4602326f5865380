import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The eight commitment areas of the A4P Declaration of Shared Commitments, seeded by a migration. */
@Entity({ name: 'a4p_areas' })
export class A4pAreaEntity {
  @PrimaryColumn({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'int' })
  position!: number;
}
