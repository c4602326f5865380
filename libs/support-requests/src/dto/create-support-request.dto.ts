import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCalendarDate, IsHttpUrl, MAX_FILTER, MAX_LINKS, MAX_LOOKUP_CODE, MAX_NAME, MAX_TEXT, MAX_URL } from '@liaison/common';
import { Marking, MARKINGS, SUPPORT_PRIORITIES, SupportPriority } from '@liaison/domain';

export class CreateSupportRequestDto {
  @ApiProperty({ example: 'C-IED training for a new mobile team', maxLength: MAX_NAME })
  @IsString()
  @Length(1, MAX_NAME)
  title!: string;

  @ApiProperty({ example: 'Two-week course for 20 engineers before the next rotation.', maxLength: MAX_TEXT })
  @IsString()
  @Length(1, MAX_TEXT)
  description!: string;

  @ApiProperty({ example: 'UN', description: 'Code of the organisation asking' })
  @IsString()
  @Length(1, MAX_LOOKUP_CODE)
  requestingOrganization!: string;

  @ApiProperty({ example: 'MINUSCA', description: 'The mission or unit asking, as free text' })
  @IsString()
  @Length(1, MAX_NAME)
  requestingUnit!: string;

  @ApiProperty({ example: 'NATO', description: 'Code of the organisation asked' })
  @IsString()
  @Length(1, MAX_LOOKUP_CODE)
  providingOrganization!: string;

  @ApiProperty({ example: 'A4P', description: 'Cooperation-area code (GET /v1/areas)' })
  @IsString()
  @Length(1, MAX_FILTER)
  area!: string;

  @ApiProperty({ example: 'SAFETY-SECURITY', description: 'A4P commitment-area code (GET /v1/a4p-areas)' })
  @IsString()
  @Length(1, MAX_FILTER)
  a4pArea!: string;

  @ApiProperty({ enum: SUPPORT_PRIORITIES })
  @IsIn(SUPPORT_PRIORITIES)
  priority!: SupportPriority;

  @ApiProperty({ example: '2027-03-31', description: 'A calendar date, YYYY-MM-DD, today or later' })
  @IsCalendarDate()
  neededBy!: string;

  @ApiPropertyOptional({ enum: MARKINGS, default: 'UNMARKED' })
  @IsOptional()
  @IsIn(MARKINGS)
  marking?: Marking;

  @ApiPropertyOptional({ type: [String], example: ['https://docs.example.org/c-ied-syllabus.pdf'], description: 'Attachments, as links' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LINKS)
  @IsHttpUrl({ each: true })
  @Length(1, MAX_URL, { each: true })
  links?: string[];
}
