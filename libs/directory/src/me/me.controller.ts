import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AuditService,
  CurrentPrincipal,
  PersonOnly,
  Principal,
  SessionsService,
  TokenService,
  actorOf,
  NOT_A_PERSON,
} from '@liaison/access';
import { ApiPageResponse, DomainError, isoOrNull, Page, Refuses } from '@liaison/common';
import type { PersonEntity } from '@liaison/persistence';
import { PersonResponse, TokenInfoResponse, UpdateMeDto } from '../people/person.dto';
import { PeopleService } from '../people/people.service';
import { toPersonResponse } from '../people/person.mapper';
import { SessionResponse } from '../auth/auth.dto';
import { toSessionResponse } from '../auth/session.mapper';

@ApiTags('me')
@ApiBearerAuth()
@PersonOnly()
@Controller({ path: 'me', version: '1' })
export class MeController {
  constructor(
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOkResponse({ type: PersonResponse })
  me(@CurrentPrincipal() principal: Principal): PersonResponse {
    const person = requirePerson(principal);
    return toPersonResponse(person, person.organization!);
  }

  @Patch()
  @ApiOkResponse({ type: PersonResponse, description: 'The caller, changed: their name, time zone, channels or quiet hours' })
  @Refuses('WEBHOOK.ADDRESS_NOT_PUBLIC', 'WEBHOOK.URL_NOT_ALLOWED')
  updateMe(@Body() dto: UpdateMeDto, @CurrentPrincipal() principal: Principal): Promise<PersonResponse> {
    return this.people.updateOwn(requirePerson(principal), dto, principal);
  }

  @Get('tokens')
  @ApiPageResponse(TokenInfoResponse, 'The caller’s bearer tokens, newest first, without their secrets (one page)')
  async myTokens(@CurrentPrincipal() principal: Principal): Promise<Page<TokenInfoResponse>> {
    const person = requirePerson(principal);
    const current = principal.kind === 'person' ? principal.tokenId : undefined;
    const now = Date.now();
    const items = (await this.tokens.list(person.id)).map((t) => ({
      id: t.id,
      createdAt: t.createdAt.toISOString(),
      expiresAt: isoOrNull(t.expiresAt),
      revokedAt: isoOrNull(t.revokedAt),
      lastUsedAt: isoOrNull(t.lastUsedAt),
      live: !t.revokedAt && (!t.expiresAt || t.expiresAt.getTime() > now),
      current: t.id === current,
    }));
    return { items, nextCursor: null };
  }

  @Delete('tokens/:tokenId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked; requests with it get a 401 from now on' })
  @Refuses('TOKEN.NOT_FOUND')
  async revoke(@Param('tokenId', ParseUUIDPipe) tokenId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    const person = requirePerson(principal);
    if (!(await this.tokens.revoke(person.id, tokenId))) {
      throw DomainError.notFound('TOKEN.NOT_FOUND', `no live token ${tokenId} of yours`);
    }
    await this.audit.record({
      actor: actorOf(principal),
      action: 'person.token.revoke',
      entityType: 'person',
      entityId: person.id,
      details: { tokenId },
    });
  }

  @Get('sessions')
  @ApiPageResponse(SessionResponse, 'The caller’s live web sessions, newest first (one page)')
  async mySessions(@CurrentPrincipal() principal: Principal): Promise<Page<SessionResponse>> {
    const person = requirePerson(principal);
    const current = principal.kind === 'person' ? principal.sessionId : undefined;
    return { items: (await this.sessions.live(person.id)).map((session) => toSessionResponse(session, current)), nextCursor: null };
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Ended; the browser that held it is signed out on its next request' })
  @Refuses('SESSION.NOT_FOUND')
  async endSession(@Param('sessionId', ParseUUIDPipe) sessionId: string, @CurrentPrincipal() principal: Principal): Promise<void> {
    const person = requirePerson(principal);
    if (!(await this.sessions.end(person.id, sessionId, 'revoke'))) {
      throw DomainError.notFound('SESSION.NOT_FOUND', `no live session ${sessionId} of yours`);
    }
  }
}

function requirePerson(principal: Principal): PersonEntity {
  if (principal.kind !== 'person') throw DomainError.forbidden(NOT_A_PERSON, 'the admin token is not a person and has no profile');
  return principal.person;
}
