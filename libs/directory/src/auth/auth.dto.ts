import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { INSTANT, MAX_EMAIL, MAX_URL } from '@liaison/common';
import { PersonResponse } from '../people/person.dto';

/** A page of the web app: a path of this site, never another site's (`//host`, `/\host`). */
const SAME_SITE_PATH = /^\/(?![/\\])[^\s\\]*$/;

export class EmailLinkDto {
  @ApiProperty({ example: 'ada@un.example.org', maxLength: MAX_EMAIL })
  @IsEmail()
  @MaxLength(MAX_EMAIL)
  email!: string;

  @ApiPropertyOptional({
    description: 'The page of the web app to land on after signing in (a path of this site, such as `/exchanges/…`)',
    example: '/exchanges/3f1c0d4e-5b6a-4c7d-8e9f-0a1b2c3d4e5f',
    maxLength: MAX_URL,
    pattern: SAME_SITE_PATH.source,
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_URL)
  @Matches(SAME_SITE_PATH, { message: 'next must be a path of this site, starting with a single /' })
  next?: string;
}

export class OpenSessionDto {
  @ApiProperty({ description: 'The `token` of the sign-in link', minLength: 1, maxLength: 128 })
  @IsString()
  @Length(1, 128)
  token!: string;
}

export class SessionResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['email-link', 'oidc'], description: 'How it was opened' }) method!: string;
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty(INSTANT) lastUsedAt!: string;
  @ApiProperty(INSTANT) expiresAt!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The browser it was opened in' }) userAgent!: string | null;
  @ApiProperty({ description: 'The session this request came with' }) current!: boolean;
}

export class SignedInResponse {
  @ApiProperty({ type: SessionResponse }) session!: SessionResponse;
  @ApiProperty({
    description: 'Send it as `X-CSRF-Token` with every POST, PUT, PATCH and DELETE signed in by the session cookie',
  })
  csrfToken!: string;
  @ApiProperty({ type: PersonResponse }) person!: PersonResponse;
}

export class OpenedSessionResponse extends SignedInResponse {
  @ApiProperty({ type: String, nullable: true, description: 'The page the sign-in was asked from, to land on' })
  next!: string | null;
}

export class AuthMethodsResponse {
  @ApiProperty({ description: 'Sign-in by a link sent by e-mail (always)' }) emailLink!: boolean;
  @ApiProperty({ description: 'Sign-in with the OpenID provider at `/v1/auth/oidc/start`' }) oidc!: boolean;
}
