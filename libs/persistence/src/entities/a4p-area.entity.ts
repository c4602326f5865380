import { Entity } from 'typeorm';
import { AreaEntity } from './area.entity';

/** The eight commitment areas of the A4P Declaration of Shared Commitments, seeded by a migration. */
@Entity({ name: 'a4p_areas' })
export class A4pAreaEntity extends AreaEntity {}
