import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  cookieOf,
  CurrentPrincipal,
  PersonOnly,
  Principal,
  Public,
  ReturnsSecret,
  SESSION_COOKIE,
  sessionCookie,
  SessionsService,
} from '@liaison/access';
import { DomainError, Refuses } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Request, Response } from 'express';
import { AuthMethodsResponse, EmailLinkDto, OpenedSessionResponse, OpenSessionDto, SignedInResponse } from './auth.dto';
import { signedIn } from './session.mapper';
import { SignInLimits } from './sign-in-limits';
import { SignInMailer } from './sign-in-mailer';
import { SIGN_IN_LINK_MINUTES, SignInService } from './sign-in.service';

/** Signing in to the web app: by a link sent by e-mail (OpenID Connect has its own routes), the session, signing out. */
@ApiTags('auth')
@Controller({ path: 'auth', version: '1' })
export class AuthController {
  constructor(
    private readonly signIn: SignInService,
    private readonly limits: SignInLimits,
    private readonly mailer: SignInMailer,
    private readonly sessions: SessionsService,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  @Post('email-link')
  @Public()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: `Whatever the address: when it is an active person's, a sign-in link (single use, ${SIGN_IN_LINK_MINUTES} minutes) is on its way`,
  })
  @Refuses('RATE_LIMIT.SIGN_IN_ADDRESS', 'RATE_LIMIT.SIGN_IN_EMAIL')
  async emailLink(@Body() dto: EmailLinkDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.limits.admit(dto.email, request.ip ?? 'unknown', response);
    void this.signIn.sendLink(dto.email, dto.next ?? null, (person, link) => this.mailer.send(person, link, SIGN_IN_LINK_MINUTES));
  }

  @Post('sessions')
  @Public()
  @ReturnsSecret()
  @ApiCreatedResponse({
    type: OpenedSessionResponse,
    description: 'Signed in: the `liaison_session` cookie is set (HttpOnly, SameSite=Lax)',
  })
  @Refuses('AUTH.LINK_NOT_VALID')
  async open(
    @Body() dto: OpenSessionDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OpenedSessionResponse> {
    const opened = await this.signIn.redeem(dto.token, { userAgent: request.headers['user-agent'], ip: request.ip });
    response.setHeader('Set-Cookie', sessionCookie(opened.secret, this.secure, this.sessions.cookieLifetimeMs(opened.session)));
    response.setHeader('Cache-Control', 'no-store');
    return { ...signedIn(opened.secret, opened.session, opened.person), next: opened.next };
  }

  @Get('session')
  @PersonOnly()
  @ApiOkResponse({ type: SignedInResponse, description: 'The session this request came with, its CSRF token and who is signed in' })
  @Refuses('AUTH.NO_SESSION')
  async current(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SignedInResponse> {
    const { person, sessionId, secret } = sessionOf(principal, request);
    const session = (await this.sessions.live(person.id)).find((s) => s.id === sessionId);
    if (!session) throw noSession();
    response.setHeader('Cache-Control', 'no-store');
    return signedIn(secret, session, person);
  }

  @Delete('session')
  @PersonOnly()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out: the session is ended and its cookie cleared' })
  @Refuses('AUTH.NO_SESSION')
  async signOut(
    @CurrentPrincipal() principal: Principal,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const { person, sessionId } = sessionOf(principal, request);
    await this.sessions.end(person.id, sessionId, 'sign-out');
    response.setHeader('Set-Cookie', sessionCookie(null, this.secure));
  }

  @Get('methods')
  @Public()
  @ApiOkResponse({ type: AuthMethodsResponse, description: 'The ways to sign in that this deployment offers' })
  methods(): AuthMethodsResponse {
    return { emailLink: true, oidc: this.config.oidc !== null };
  }

  private get secure(): boolean {
    return this.config.publicBaseUrl.startsWith('https:');
  }
}

function sessionOf(principal: Principal, request: Request) {
  const secret = cookieOf(request, SESSION_COOKIE);
  if (principal.kind !== 'person' || !principal.sessionId || !secret) throw noSession();
  return { person: principal.person, sessionId: principal.sessionId, secret };
}

const noSession = () =>
  DomainError.notFound(
    'AUTH.NO_SESSION',
    'this request came with a bearer token, not the session cookie: there is no session to read or end',
  );
