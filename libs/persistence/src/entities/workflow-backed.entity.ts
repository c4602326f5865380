import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { PersonLevel } from '@liaison/domain';

/** The columns of a row that has a workflow of its own (an exchange, a series, a support request). */
export abstract class WorkflowBackedEntity {
  /** When its workflow was known to have started; null from the commit until then (the workflow start relay looks for such rows). */
  @Column({ name: 'workflow_started_at', type: 'timestamptz', nullable: true })
  workflowStartedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** What an exchange and a series (a recurring consultation) both are: a titled consultation at a level, in areas. */
export abstract class ConsultationEntity extends WorkflowBackedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text' })
  level!: PersonLevel;

  @Column({ type: 'text', array: true })
  areas!: string[];
}
