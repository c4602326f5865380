import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Language } from '@liaison/domain';

@Entity({ name: 'organizations' })
@Check('organizations_default_language_check', `"default_language" IN ('en', 'fr')`)
export class OrganizationEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text', unique: true })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text' })
  timezone!: string;

  /** The organisation's working calendar (service levels count its working days): ISO weekdays off, 1 = Monday. */
  @Column({ name: 'weekend_days', type: 'smallint', array: true, default: () => "'{6,7}'" })
  weekendDays!: number[];

  /** Local dates (YYYY-MM-DD) that are not worked. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  holidays!: string[];

  /** The language its people are written to in unless they chose their own. */
  @Column({ name: 'default_language', type: 'text', default: 'en' })
  defaultLanguage!: Language;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
