import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsInstant, MAX_FILTER, MAX_LOOKUP_CODE, PageQueryDto } from '@liaison/common';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 'exchange',
    description: 'Entity type: exchange, series, support-request, person, organization, action-item, …',
  })
  @IsOptional()
  @IsString()
  @Length(1, MAX_FILTER)
  entityType?: string;

  @ApiPropertyOptional({ description: 'One entity’s id' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_FILTER)
  entity?: string;

  @ApiPropertyOptional({ description: 'Done by this person' })
  @IsOptional()
  @IsUUID()
  person?: string;

  @ApiPropertyOptional({ example: 'NATO', description: 'Done by a person of this organisation' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_LOOKUP_CODE)
  organization?: string;

  @ApiPropertyOptional({ example: 'exchange.cancel', description: 'One action, or a prefix ending in `.` (`support-request.`)' })
  @IsOptional()
  @Matches(/^[a-z0-9.-]{1,64}$/, { message: 'action must be lower-case letters, digits, dots and dashes' })
  action?: string;

  @ApiPropertyOptional({ description: 'At or after this instant' })
  @IsOptional()
  @IsInstant()
  from?: string;

  @ApiPropertyOptional({ description: 'Before this instant' })
  @IsOptional()
  @IsInstant()
  to?: string;
}
