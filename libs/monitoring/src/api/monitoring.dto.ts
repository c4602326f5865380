import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { MAX_LINE, PageQueryDto } from '@liaison/common';
import { CHANNELS, REMINDER_KINDS, REMINDER_STATUSES, WORKFLOW_KINDS, WorkflowKind } from '@liaison/domain';
import { BUSINESS_STATUSES, EXECUTION_STATUSES, ExecutionStatus } from '../monitoring.types';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class ListWorkflowsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: WORKFLOW_KINDS })
  @IsOptional()
  @IsIn(WORKFLOW_KINDS)
  kind?: WorkflowKind;

  @ApiPropertyOptional({ enum: EXECUTION_STATUSES, description: "Temporal's execution status" })
  @IsOptional()
  @IsIn(EXECUTION_STATUSES)
  executionStatus?: ExecutionStatus;

  @ApiPropertyOptional({ enum: BUSINESS_STATUSES, description: 'The business status (exchange, series or support request)' })
  @IsOptional()
  @IsIn(BUSINESS_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'An organisation code taking part' })
  @IsOptional()
  @Matches(/^[A-Z][A-Z0-9-]{1,15}$/, { message: 'organization must be an organisation code (AU, UN-DPPA)' })
  organization?: string;

  @ApiPropertyOptional({ description: 'true: running workflows whose next deadline passed more than ADMIN_LATE_AFTER ago' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  late?: boolean;

  @ApiPropertyOptional({
    description: 'true: running workflows with no progress (activity retrying, workflow task not taken) for ADMIN_STUCK_AFTER',
  })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  stuck?: boolean;
}

/** A workflow id as Liaison makes them (`exchange-<uuid>`); anything else cannot name one of its workflows. */
// Spelled out rather than \w, which the document's readers (Python's re among them) take to mean any Unicode letter.
export const WORKFLOW_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

export class TerminateWorkflowDto {
  @ApiProperty({ description: 'Why; kept in the audit trail and in Temporal' })
  @IsString()
  @MinLength(3)
  @MaxLength(MAX_LINE)
  reason!: string;
}

export class ResetWorkflowDto extends TerminateWorkflowDto {
  @ApiPropertyOptional({ enum: ['last-workflow-task', 'first-workflow-task'], default: 'last-workflow-task' })
  @IsOptional()
  @IsIn(['last-workflow-task', 'first-workflow-task'])
  to: 'last-workflow-task' | 'first-workflow-task' = 'last-workflow-task';
}

export class ListRemindersQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: REMINDER_STATUSES })
  @IsOptional()
  @IsIn(REMINDER_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: CHANNELS })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: string;

  @ApiPropertyOptional({ enum: REMINDER_KINDS })
  @IsOptional()
  @IsIn(REMINDER_KINDS)
  kind?: string;
}
