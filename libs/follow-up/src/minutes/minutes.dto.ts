import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { MAX_CODE, MAX_MINUTES_TEXT } from '@liaison/common';
import type { MinutesStatus } from '@liaison/domain';

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

/** `none`: nothing drafted; `draft`: versions being agreed; `locked`: every organisation approved the current version. */
export interface MinutesResponse {
  exchangeId: string;
  status: MinutesStatus;
  version: number;
  text: string | null;
  draftedBy: string | null;
  draftedAt: string | null;
  /** Approvals of the current version. */
  approvals: Array<{ organization: string; approvedBy: string | null; approvedAt: string }>;
  /** Organisations that have not approved the current version. */
  awaiting: string[];
  lockedAt: string | null;
}
