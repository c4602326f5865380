import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import {
  ArrayDistinct,
  IsInstant,
  IsIsoDuration,
  IsLine,
  IsTimeZone,
  MAX_AREA,
  MAX_AREAS,
  MAX_CODE,
  MAX_ORGANIZATIONS,
  MAX_PARTICIPANTS,
  MAX_REMINDER_OFFSETS,
  MAX_TITLE,
} from '@liaison/common';
import { MARKINGS, Marking, PERSON_LEVELS, PersonLevel } from '@liaison/domain';

export const DEFAULT_REMINDER_OFFSETS = ['P14D', 'P7D', 'P1D', 'PT1H'];

/** When the exchange is followed up; each defaults as in FOLLOW_UP_DEFAULTS. */
export class FollowUpTimesDto {
  @ApiPropertyOptional({ example: 'P7D', default: 'P7D', description: 'Every organisation must have confirmed this long before the start' })
  @IsOptional()
  @IsIsoDuration()
  confirmationDeadline?: string;

  @ApiPropertyOptional({
    example: 'P2D',
    default: 'P2D',
    description: 'After a missed deadline (confirmation, minutes), this long until the senior level is told',
  })
  @IsOptional()
  @IsIsoDuration()
  escalateAfter?: string;

  @ApiPropertyOptional({ example: 'P1D', default: 'P1D', description: 'The agenda freezes this long before the start' })
  @IsOptional()
  @IsIsoDuration()
  agendaFreeze?: string;

  @ApiPropertyOptional({ example: 'P5D', default: 'P5D', description: "The host's minutes draft is due this long after the end" })
  @IsOptional()
  @IsIsoDuration()
  minutesDue?: string;

  @ApiPropertyOptional({ example: 'P2D', default: 'P2D', description: 'An action item’s owner is reminded this long before it is due' })
  @IsOptional()
  @IsIsoDuration()
  actionItemNotice?: string;

  @ApiPropertyOptional({
    example: 'P3D',
    default: 'P3D',
    description: 'This long after an action item is overdue, its owner’s senior level is told',
  })
  @IsOptional()
  @IsIsoDuration()
  actionItemGrace?: string;

  @ApiPropertyOptional({
    example: 'P2D',
    default: 'P2D',
    description:
      'A senior-level exchange: this long before the start, the coordinators of each organisation with no accepted senior-level participant are reminded',
  })
  @IsOptional()
  @IsIsoDuration()
  attendanceCheck?: string;
}

export class CreateExchangeDto extends FollowUpTimesDto {
  @ApiProperty({ example: 'UN-NATO staff talks' })
  @IsString()
  @Length(1, MAX_TITLE)
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
  @ArrayMaxSize(MAX_AREAS)
  @ArrayDistinct()
  @IsString({ each: true })
  @MaxLength(MAX_AREA, { each: true })
  areas!: string[];

  @ApiProperty({ example: ['UN', 'NATO'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORGANIZATIONS)
  @ArrayDistinct()
  @IsString({ each: true })
  @MaxLength(MAX_CODE, { each: true })
  organizations!: string[];

  @ApiProperty({ example: 'UN' })
  @IsString()
  @MaxLength(MAX_CODE)
  hostOrganization!: string;

  @ApiProperty({ example: '2027-03-09T10:00:00+01:00' })
  @IsInstant()
  startsAt!: string;

  @ApiProperty({ example: 90, minimum: 1, maximum: 1440 })
  @IsInt()
  @Min(1)
  @Max(24 * 60)
  durationMinutes!: number;

  @ApiProperty({ example: 'Europe/Brussels' })
  @IsTimeZone()
  timezone!: string;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(MAX_PARTICIPANTS)
  @ArrayDistinct()
  @IsUUID('all', { each: true })
  participantIds!: string[];

  @ApiPropertyOptional({
    example: DEFAULT_REMINDER_OFFSETS,
    description: 'ISO 8601 durations before the start',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_REMINDER_OFFSETS)
  @ArrayDistinct()
  @IsIsoDuration({ each: true })
  reminderOffsets?: string[];

  @ApiPropertyOptional({ example: 'NATO HQ, Brussels, or a meeting link' })
  @IsOptional()
  @IsLine()
  location?: string;

  @ApiPropertyOptional({ enum: MARKINGS, default: 'UNMARKED' })
  @IsOptional()
  @IsIn(MARKINGS)
  marking?: Marking;
}
