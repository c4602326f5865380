import { ApiProperty, ApiPropertyOptional, IntersectionType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { LANGUAGES, Language } from '@liaison/domain';
import { ArrayDistinct, IsCalendarDate, IsTimeZone, MAX_HOLIDAYS, MAX_NAME } from '@liaison/common';

/** The working calendar that support-request service levels count on. */
export class OrganizationCalendarDto {
  @ApiProperty({ example: [6, 7], description: 'ISO weekdays not worked (1 = Monday … 7 = Sunday); at least one day must be worked' })
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayDistinct()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekend!: number[];

  @ApiProperty({ example: ['2027-01-01', '2027-12-25'], description: 'Local dates not worked, YYYY-MM-DD' })
  @IsArray()
  @ArrayMaxSize(MAX_HOLIDAYS)
  @IsCalendarDate({ each: true })
  holidays!: string[];
}

class OrganizationIdentityDto {
  @ApiProperty({
    example: 'UN',
    description: 'Short code, upper case letters, digits and dashes',
  })
  @Matches(/^[A-Z][A-Z0-9-]{1,15}$/, {
    message: 'code must be 2-16 upper-case letters, digits or dashes',
  })
  code!: string;

  @ApiProperty({ example: 'United Nations Secretariat' })
  @IsString()
  @Length(1, MAX_NAME)
  name!: string;

  @ApiProperty({ example: 'America/New_York' })
  @IsTimeZone()
  timezone!: string;

  @ApiPropertyOptional({ enum: LANGUAGES, default: 'en', description: 'The language its people are written to in unless they choose their own' })
  @IsOptional()
  @IsIn(LANGUAGES)
  defaultLanguage?: Language;
}

/** The language an organisation's people are written to in unless they chose their own. */
export class OrganizationLanguageDto {
  @ApiProperty({ enum: LANGUAGES })
  @IsIn(LANGUAGES)
  defaultLanguage!: Language;
}

/** A new organisation; its calendar defaults to Saturday and Sunday off and no holidays. */
export class CreateOrganizationDto extends IntersectionType(OrganizationIdentityDto, PartialType(OrganizationCalendarDto)) {}

export class OrganizationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty() timezone!: string;
  @ApiProperty({ type: 'integer', isArray: true, description: 'ISO weekdays not worked' }) weekend!: number[];
  @ApiProperty({ description: 'Local dates not worked' }) holidays!: string[];
  @ApiProperty({ enum: LANGUAGES, description: 'The language its people are written to in unless they chose their own' })
  defaultLanguage!: Language;
}

/** The answer to creating an organisation: the organisation and, this once, its webhook signing secret. */
export class OrganizationCreatedResponse extends OrganizationResponse {
  @ApiProperty({ description: "The secret that signs the webhooks of the organisation's people; shown once (rotate it to get a new one)" })
  webhookSecret!: string;
}

/** A new webhook signing secret, shown once. */
export class WebhookSecretResponse {
  @ApiProperty({ description: "The new secret that signs the webhooks of the organisation's people; shown once" })
  secret!: string;

  @ApiProperty({ description: 'Until when the previous secret still signs beside it (WEBHOOK_SECRET_GRACE after the rotation)' })
  previousValidUntil!: string;
}
