import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsInstant, MAX_FILTER, PageQueryDto } from '@liaison/common';
import { EXCHANGE_STATUSES, ExchangeStatus, PERSON_LEVELS, PersonLevel } from '@liaison/domain';

export class ListExchangesQuery extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Starting at or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Starting before this instant' })
  @IsOptional()
  @IsInstant()
  to?: string;

  @ApiPropertyOptional({ enum: PERSON_LEVELS })
  @IsOptional()
  @IsIn(PERSON_LEVELS)
  level?: PersonLevel;

  @ApiPropertyOptional({ description: 'Cooperation-area code' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER)
  area?: string;

  @ApiPropertyOptional({ enum: EXCHANGE_STATUSES })
  @IsOptional()
  @IsIn(EXCHANGE_STATUSES)
  status?: ExchangeStatus;

  @ApiPropertyOptional({ description: 'Participating organisation code' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_FILTER)
  organization?: string;
}
