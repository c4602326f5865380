import { ApiProperty, ApiPropertyOptional, PartialType, OmitType, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  ArrayDistinct,
  INSTANT,
  INSTANT_OR_NULL,
  IsClockTime,
  IsHttpUrl,
  IsTimeZone,
  MAX_CODE,
  MAX_EMAIL,
  MAX_NAME,
  MAX_URL,
} from '@liaison/common';
import {
  LANGUAGE_CHOICES,
  LANGUAGES,
  Language,
  LanguageChoice,
  PERSON_LEVELS,
  PERSON_ROLES,
  PersonLevel,
  PersonRole,
} from '@liaison/domain';

export class ChannelsDto {
  @ApiProperty({
    description: 'Receive reminders by e-mail (in-app is always on)',
  })
  @IsBoolean()
  email!: boolean;

  @ApiPropertyOptional({ example: 'https://hooks.example.org/liaison' })
  @IsOptional()
  @IsHttpUrl()
  @MaxLength(MAX_URL)
  webhookUrl?: string;
}

export class QuietHoursDto {
  @ApiProperty({ example: '22:00' })
  @IsClockTime()
  start!: string;

  @ApiProperty({ example: '07:00' })
  @IsClockTime()
  end!: string;
}

/** Quiet hours as the API shows them: the times, and the rule that applies them in the person's language. */
export class QuietHoursResponse extends QuietHoursDto {
  @ApiProperty({
    description:
      "How reminders treat these hours, in the person's language: one due inside them is sent at their end, or just before they begin when their end is after what it reminds of starts (docs/quiet-hours.md)",
    example:
      'Quiet from 22:00 to 07:00 (Europe/Brussels): a reminder due in these hours, escalations included, is sent at 07:00; if 07:00 comes after the start of what it reminds you of, it is sent just before 22:00 instead.',
  })
  rule!: string;
}

export class CreatePersonDto {
  @ApiProperty({ example: 'Amina Diallo' })
  @IsString()
  @Length(1, MAX_NAME)
  name!: string;

  @ApiProperty({ example: 'amina.diallo@un.example.org' })
  @IsEmail()
  @MaxLength(MAX_EMAIL)
  email!: string;

  @ApiProperty({ example: 'UN', description: 'Organisation code' })
  @IsString()
  @Length(1, MAX_CODE)
  organization!: string;

  @ApiProperty({ enum: PERSON_LEVELS })
  @IsIn(PERSON_LEVELS)
  level!: PersonLevel;

  @ApiProperty({ enum: PERSON_ROLES, isArray: true })
  @IsArray()
  @ArrayMaxSize(PERSON_ROLES.length)
  @ArrayDistinct()
  @IsIn(PERSON_ROLES, { each: true })
  roles!: PersonRole[];

  @ApiProperty({ example: 'America/New_York' })
  @IsTimeZone()
  timezone!: string;

  @ApiPropertyOptional({ type: ChannelsDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ChannelsDto)
  channels?: ChannelsDto;

  @ApiPropertyOptional({
    type: QuietHoursDto,
    description:
      "`HH:mm` in the person's time zone; the end before the start spans midnight; start equal to end: none. A reminder due inside them is sent at their end (see `rule` in the response)",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto;

  @ApiPropertyOptional({
    enum: LANGUAGE_CHOICES,
    default: 'organization',
    description:
      "The language e-mails, calendar texts, inbox entries and webhook texts are written in; `organization`: the organisation's defaultLanguage",
  })
  @IsOptional()
  @IsIn(LANGUAGE_CHOICES)
  language?: LanguageChoice;
}

export class UpdatePersonDto extends PartialType(OmitType(CreatePersonDto, ['organization'] as const)) {}

/** What a person changes of themself (`PATCH /v1/me`): how they are named and reached; never their e-mail, level or roles. */
export class UpdateMeDto extends PartialType(
  PickType(CreatePersonDto, ['name', 'timezone', 'channels', 'quietHours', 'language'] as const),
) {
  @ApiPropertyOptional({
    description:
      'The morning digest by e-mail: at 07:00 in their zone (after their quiet hours) on their organisation’s working days, today’s exchanges, action items due within three days and the steps waiting for them; nothing on a day with nothing. Off by default.',
  })
  @IsOptional()
  @IsBoolean()
  digest?: boolean;
}

/** Where a person's reminders go. */
export class ChannelsResponse {
  @ApiProperty({ description: 'Always true: the in-app inbox is always on' }) inapp!: true;
  @ApiProperty({ description: 'Reminders by e-mail too' }) email!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'Where signed webhooks go; null for none' }) webhookUrl!: string | null;
}

export class PersonResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;
  @ApiProperty() organization!: string;
  @ApiProperty({ enum: PERSON_LEVELS }) level!: PersonLevel;
  @ApiProperty({ enum: PERSON_ROLES, isArray: true }) roles!: PersonRole[];
  @ApiProperty() timezone!: string;
  @ApiProperty({ enum: LANGUAGES, description: "The language they are written to in: their own, else their organisation's default" })
  language!: Language;
  @ApiProperty({
    enum: LANGUAGE_CHOICES,
    description: "What they chose: a language, or `organization` to follow their organisation's default",
  })
  languageChoice!: LanguageChoice;
  @ApiProperty({ type: ChannelsResponse }) channels!: ChannelsResponse;
  @ApiProperty({
    nullable: true,
    type: QuietHoursResponse,
    description: "The person's quiet hours in their time zone and the rule reminders follow in them; null when none are set",
  })
  quietHours!: QuietHoursResponse | null;
  @ApiProperty({ description: 'Opted in to the morning digest (`PATCH /v1/me {digest}`)' })
  digest!: boolean;
  @ApiProperty({
    ...INSTANT_OR_NULL,
    description:
      'When their next digest is due, in their zone; null when off, or for the few seconds until the notifier plans it after a change',
  })
  digestDueAt!: string | null;
  @ApiProperty({
    description: 'False once deactivated (a leaver): their tokens, calendar feed, webhook and reminders stop until reactivated',
  })
  active!: boolean;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When the person was deactivated; null while active' })
  deactivatedAt!: string | null;
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty(INSTANT) updatedAt!: string;
}

export class PersonWithTokenResponse extends PersonResponse {
  @ApiProperty({ description: 'Bearer token, shown once' }) token!: string;
  @ApiProperty({ ...INSTANT, description: 'When the token stops working (TOKEN_TTL after issue)' }) tokenExpiresAt!: string;
}

export class IssuedTokenResponse {
  @ApiProperty({ description: 'Bearer token, shown once' }) token!: string;
  @ApiProperty({ ...INSTANT, description: 'When it stops working (TOKEN_TTL after issue)' }) expiresAt!: string;
}

/** A token as its holder sees it: never the secret. `current`: the one this request came with. */
export class TokenInfoResponse {
  @ApiProperty() id!: string;
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty(INSTANT_OR_NULL) expiresAt!: string | null;
  @ApiProperty(INSTANT_OR_NULL) revokedAt!: string | null;
  @ApiProperty(INSTANT_OR_NULL) lastUsedAt!: string | null;
  @ApiProperty() live!: boolean;
  @ApiProperty() current!: boolean;
}
