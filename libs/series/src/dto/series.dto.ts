import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
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
import { IsIsoDuration, IsTimeZone } from '@liaison/common';
import { MARKINGS, Marking, PERSON_LEVELS, PersonLevel } from '@liaison/persistence';

export class SeriesRuleDto {
  @ApiProperty({ example: 'FREQ=MONTHLY;BYDAY=2TU', description: 'RFC 5545 RRULE value (DAILY, WEEKLY, MONTHLY or YEARLY)' })
  @IsString()
  @Length(6, 500)
  rrule!: string;

  @ApiProperty({ example: '2027-01-12T10:00', description: 'Local wall-clock start of the first occurrence, in `timezone`' })
  @IsString()
  @Length(10, 40)
  dtstart!: string;

  @ApiProperty({ example: 'Europe/Brussels' })
  @IsTimeZone()
  timezone!: string;

  @ApiPropertyOptional({ example: ['2027-08-10T10:00'], description: 'Local start times left out (EXDATE)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  exdates?: string[];
}

export class PreviewSeriesDto extends PickType(SeriesRuleDto, ['rrule', 'dtstart', 'timezone', 'exdates'] as const) {
  @ApiProperty({ example: 6, minimum: 1, maximum: 400 })
  @IsInt()
  @Min(1)
  @Max(400)
  count!: number;
}

export class CreateSeriesDto extends SeriesRuleDto {
  @ApiProperty({ example: 'UN-NATO working-level consultation' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({ enum: PERSON_LEVELS })
  @IsIn(PERSON_LEVELS)
  level!: PersonLevel;

  @ApiProperty({ example: ['POC'] })
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

  @ApiProperty({ example: ['UN', 'NATO'], description: 'Hosts, cycled one per occurrence' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsString({ each: true })
  hostRotation!: string[];

  @ApiProperty({ example: 90 })
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  durationMinutes!: number;

  @ApiProperty({ type: [String], format: 'uuid' })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  participantIds!: string[];

  @ApiPropertyOptional({ example: ['P7D', 'P1D'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsIsoDuration({ each: true })
  reminderOffsets?: string[];

  @ApiPropertyOptional({ example: 'Video link' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  location?: string;

  @ApiPropertyOptional({ enum: MARKINGS })
  @IsOptional()
  @IsIn(MARKINGS)
  marking?: Marking;

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
