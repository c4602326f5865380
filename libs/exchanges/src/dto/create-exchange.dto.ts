import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
} from 'class-validator';
import { IsInstant, IsIsoDuration, IsTimeZone } from '@liaison/common';
import { MARKINGS, Marking, PERSON_LEVELS, PersonLevel } from '@liaison/persistence';

export const DEFAULT_REMINDER_OFFSETS = ['P14D', 'P7D', 'P1D', 'PT1H'];
export const DEFAULT_CONFIRMATION_DEADLINE = 'P7D';
export const DEFAULT_ESCALATE_AFTER = 'P2D';

export class CreateExchangeDto {
  @ApiProperty({ example: 'UN-NATO staff talks' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ enum: PERSON_LEVELS })
  @IsIn(PERSON_LEVELS)
  level!: PersonLevel;

  @ApiProperty({
    example: ['POC', 'WPS'],
    description: 'Cooperation-area codes',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsString({ each: true })
  areas!: string[];

  @ApiProperty({ example: ['UN', 'NATO'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  organizations!: string[];

  @ApiProperty({ example: 'UN' })
  @IsString()
  hostOrganization!: string;

  @ApiProperty({ example: '2027-03-09T10:00:00+01:00' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: 90 })
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  durationMinutes!: number;

  @ApiProperty({ example: 'Europe/Brussels' })
  @IsTimeZone()
  timezone!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  participantIds!: string[];

  @ApiPropertyOptional({
    example: DEFAULT_REMINDER_OFFSETS,
    description: 'ISO 8601 durations before the start',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIsoDuration({ each: true })
  reminderOffsets?: string[];

  @ApiPropertyOptional({ example: 'NATO HQ, Brussels, or a meeting link' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  location?: string;

  @ApiPropertyOptional({ example: 'P7D', default: 'P7D', description: 'Every organisation must have confirmed this long before the start' })
  @IsOptional()
  @IsIsoDuration()
  confirmationDeadline?: string;

  @ApiPropertyOptional({
    example: 'P2D',
    default: 'P2D',
    description: "After a missed deadline, this long until the organisation's senior level is told",
  })
  @IsOptional()
  @IsIsoDuration()
  escalateAfter?: string;

  @ApiPropertyOptional({ enum: MARKINGS, default: 'UNMARKED' })
  @IsOptional()
  @IsIn(MARKINGS)
  marking?: Marking;
}
