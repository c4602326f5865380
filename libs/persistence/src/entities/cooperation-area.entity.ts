import { Entity } from 'typeorm';
import { AreaEntity } from './area.entity';

@Entity({ name: 'cooperation_areas' })
export class CooperationAreaEntity extends AreaEntity {}
