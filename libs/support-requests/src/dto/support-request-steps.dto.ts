import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { MAX_SHORT_TEXT, MAX_TEXT } from '@liaison/common';

/** A recommendation or a decision on a request. */
export const VERDICTS = ['approve', 'decline'] as const;
export type Verdict = (typeof VERDICTS)[number];

export class AcknowledgeDto {
  @ApiPropertyOptional({ description: 'A working-level person of the providing organisation; the caller by default' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;
}

export class RequestInformationDto {
  @ApiProperty({ example: 'How many trainees, and which languages?' })
  @IsString()
  @Length(1, MAX_TEXT)
  question!: string;
}

export class ProvideInformationDto {
  @ApiProperty({ example: '20 trainees; French and English.' })
  @IsString()
  @Length(1, MAX_TEXT)
  answer!: string;
}

export class RecommendDto {
  @ApiProperty({ enum: VERDICTS })
  @IsIn(VERDICTS)
  recommendation!: Verdict;

  @ApiProperty({ example: 'Within the mobile training team’s capacity this quarter.' })
  @IsString()
  @Length(1, MAX_TEXT)
  rationale!: string;
}

export class DecideDto {
  @ApiProperty({ enum: VERDICTS })
  @IsIn(VERDICTS)
  decision!: Verdict;

  @ApiPropertyOptional({ description: 'Required when the decision goes against the recommendation' })
  @IsOptional()
  @IsString()
  @Length(1, MAX_TEXT)
  rationale?: string;
}

export class StartDeliveryDto {}

export class DeliverDto {
  @ApiProperty({ example: 'Course held 3–14 May; 19 certified.' })
  @IsString()
  @Length(1, MAX_TEXT)
  summary!: string;
}

export class CloseDto {}

export class WithdrawDto {
  @ApiProperty({ example: 'Covered by another partner.' })
  @IsString()
  @Length(1, MAX_SHORT_TEXT)
  reason!: string;
}

export class MessageDto {
  @ApiProperty({ example: 'Could the course start a week later?' })
  @IsString()
  @Length(1, MAX_TEXT)
  body!: string;
}

export class RaiseDto {
  @ApiProperty({ description: 'An upcoming exchange of the two organisations, and of no other, whose agenda is still open' })
  @IsUUID()
  exchangeId!: string;
}
