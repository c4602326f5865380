import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { INSTANT, INSTANT_OR_NULL, MAX_CODE, MAX_MINUTES_TEXT } from '@liaison/common';
import { MINUTES_STATUSES, type MinutesStatus } from '@liaison/domain';

export class DraftMinutesDto {
  @ApiProperty({ example: 'Both secretariats reviewed …', description: 'The minutes, as text (up to 100,000 characters)' })
  @IsString()
  @Length(1, MAX_MINUTES_TEXT)
  text!: string;

  @ApiPropertyOptional({ example: 1, description: 'The version this draft was written from; a 409 if it is no longer the current one' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  baseVersion?: number;
}

export class ApproveMinutesDto {
  @ApiProperty({ example: 'NATO', description: 'The organisation approving' })
  @IsString()
  @Length(1, MAX_CODE)
  organization!: string;

  @ApiProperty({ example: 2, description: 'The version approved; it must be the current one' })
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  version!: number;
}

/** One organisation's approval of the current version. */
export class MinutesApprovalResponse {
  @ApiProperty({ description: 'Organisation code' }) organization!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The person who approved; null for the admin token' })
  approvedBy!: string | null;
  @ApiProperty(INSTANT) approvedAt!: string;
}

/** One version of the minutes, as drafted. */
export class MinutesVersionResponse {
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who drafted it; null for the admin token' })
  draftedBy!: string | null;
  @ApiProperty(INSTANT) draftedAt!: string;
}

/** `none`: nothing drafted; `draft`: versions being agreed; `locked`: every organisation approved the current version. */
export class MinutesResponse {
  @ApiProperty({ format: 'uuid' }) exchangeId!: string;
  @ApiProperty({ enum: MINUTES_STATUSES }) status!: MinutesStatus;
  @ApiProperty({ type: 'integer', description: 'The current version; 0 while nothing is drafted' }) version!: number;
  @ApiProperty({ type: String, nullable: true, description: 'The current version’s text; null while nothing is drafted' })
  text!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'Who drafted the current version; null for the admin token or while nothing is drafted',
  })
  draftedBy!: string | null;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When the current version was drafted; null while nothing is drafted' })
  draftedAt!: string | null;
  @ApiProperty({ type: () => MinutesApprovalResponse, isArray: true, description: 'Approvals of the current version' })
  approvals!: MinutesApprovalResponse[];
  @ApiProperty({ type: [String], description: 'Codes of the organisations that have not approved the current version' })
  awaiting!: string[];
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When the last approval locked them; null until then' }) lockedAt!: string | null;
  @ApiProperty({
    type: () => MinutesVersionResponse,
    isArray: true,
    description: 'Every version drafted, oldest first (the last is the current one); empty while nothing is drafted',
  })
  versions!: MinutesVersionResponse[];
}
