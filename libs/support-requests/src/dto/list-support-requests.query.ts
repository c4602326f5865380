import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { MAX_FILTER, PageQueryDto } from '@liaison/common';
import { SUPPORT_PRIORITIES, SUPPORT_REQUEST_STATUSES, SupportPriority, SupportRequestStatus } from '@liaison/domain';

export class ListSupportRequestsQuery extends PageQueryDto {
  @ApiPropertyOptional({ enum: SUPPORT_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(SUPPORT_REQUEST_STATUSES)
  status?: SupportRequestStatus;

  @ApiPropertyOptional({ enum: SUPPORT_PRIORITIES })
  @IsOptional()
  @IsIn(SUPPORT_PRIORITIES)
  priority?: SupportPriority;

  @ApiPropertyOptional({ description: 'Requesting or providing organisation code' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER)
  organization?: string;

  @ApiPropertyOptional({ description: 'Cooperation-area code' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER)
  area?: string;

  @ApiPropertyOptional({ description: 'A4P commitment-area code' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER)
  a4pArea?: string;

  @ApiPropertyOptional({ description: 'true: only open requests with a deadline passed and not met' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}
