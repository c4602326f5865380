import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType, PickType } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min } from 'class-validator';
import {
  IsLocalDateTime,
  IsRecurrenceRule,
  IsTimeZone,
  MAX_CODE,
  MAX_EXDATES,
  MAX_LOCAL_TIME,
  MAX_ORGANIZATIONS,
  MAX_RRULE,
} from '@liaison/common';
import { CreateExchangeDto } from '@liaison/exchanges';
import { RECURRENCE_HORIZON_YEARS } from '../recurrence';

export class SeriesRuleDto {
  @ApiProperty({ example: 'FREQ=MONTHLY;BYDAY=2TU', description: 'RFC 5545 RRULE value (DAILY, WEEKLY, MONTHLY or YEARLY)' })
  @IsRecurrenceRule()
  @Length(6, MAX_RRULE)
  rrule!: string;

  @ApiProperty({ example: '2027-01-12T10:00', description: 'Local wall-clock start of the first occurrence, in `timezone`' })
  @IsLocalDateTime()
  @Length(10, MAX_LOCAL_TIME)
  dtstart!: string;

  @ApiProperty({ example: 'Europe/Brussels' })
  @IsTimeZone()
  timezone!: string;

  @ApiPropertyOptional({ example: ['2027-08-10T10:00'], description: 'Local start times left out (EXDATE)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_EXDATES)
  @IsLocalDateTime({ each: true })
  @MaxLength(MAX_LOCAL_TIME, { each: true })
  exdates?: string[];
}

export class PreviewSeriesDto extends PickType(SeriesRuleDto, ['rrule', 'dtstart', 'timezone', 'exdates'] as const) {
  @ApiProperty({
    example: 6,
    minimum: 1,
    maximum: 400,
    description: `At most this many, within ${RECURRENCE_HORIZON_YEARS} years of dtstart`,
  })
  @IsInt()
  @Min(1)
  @Max(400)
  count!: number;
}

/** A series: its rule, and the defaults of every occurrence, validated as an exchange's are. */
export class CreateSeriesDto extends IntersectionType(
  SeriesRuleDto,
  PickType(CreateExchangeDto, [
    'title',
    'level',
    'areas',
    'organizations',
    'durationMinutes',
    'participantIds',
    'reminderOffsets',
    'location',
    'marking',
    'confirmationDeadline',
    'escalateAfter',
    'agendaFreeze',
    'minutesDue',
    'actionItemNotice',
    'actionItemGrace',
    'attendanceCheck',
  ] as const),
) {
  @ApiProperty({ example: ['UN', 'NATO'], description: 'Hosts, cycled one per occurrence' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_ORGANIZATIONS)
  @IsString({ each: true })
  @MaxLength(MAX_CODE, { each: true })
  hostRotation!: string[];

  @ApiPropertyOptional({ example: 2, minimum: 1, maximum: 24, description: 'How many future occurrences exist as exchanges' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  horizon?: number;
}

/** What an amendment may change; the zone, level, areas, organisations and marking stay. */
export class AmendSeriesDto extends PartialType(
  PickType(CreateSeriesDto, [
    'title',
    'rrule',
    'dtstart',
    'exdates',
    'durationMinutes',
    'location',
    'participantIds',
    'reminderOffsets',
    'hostRotation',
    'horizon',
  ] as const),
) {}
