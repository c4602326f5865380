import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Refuses } from '@liaison/common';
import type { Request, Response } from 'express';
import { Public } from '../decorators';
import { cookieOf } from '../sessions/session-cookie';
import { OIDC_FAILURES } from './oidc-failures';
import { OIDC_COOKIE } from './oidc-state-cookie';
import { OidcAnswer, OidcService } from './oidc.service';

const LOCATION = { description: 'Where the browser goes next', schema: { type: 'string' } } as const;

/**
 * Sign-in with OpenID Connect, for a browser: `start` sends it to the provider, the provider sends
 * it back to `callback`, which opens a web session and sends it on to the page it asked for. Both
 * answer 404 `AUTH.OIDC_NOT_CONFIGURED` without OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET.
 */
@ApiTags('auth')
@Controller({ path: 'auth/oidc', version: '1' })
@Public()
@Refuses('AUTH.OIDC_NOT_CONFIGURED')
export class OidcController {
  constructor(private readonly oidc: OidcService) {}

  @Get('start')
  @ApiOperation({ summary: 'Sign in with OpenID Connect: redirects the browser to the identity provider' })
  @ApiQuery({
    name: 'next',
    required: false,
    schema: { type: 'string' },
    description: 'The page of this site to land on once signed in: a path (`/…`, not `//…`, no backslash); anything else is `/`',
  })
  @ApiResponse({
    status: 302,
    description:
      'To the provider’s authorization endpoint (Authorization Code flow, PKCE S256, state and nonce); the pending sign-in is kept for 10 minutes in the sealed, HttpOnly `liaison_oidc` cookie',
    headers: {
      Location: LOCATION,
      'Set-Cookie': { description: 'liaison_oidc=…; HttpOnly; SameSite=Lax; Path=/v1/auth/oidc', schema: { type: 'string' } },
    },
  })
  async start(@Query('next') next: unknown, @Res() response: Response): Promise<void> {
    send(response, await this.oidc.start(next));
  }

  @Get('callback')
  @ApiOperation({ summary: 'Where the identity provider sends the browser back: opens a web session and redirects on' })
  @ApiQuery({ name: 'code', required: false, schema: { type: 'string' }, description: 'The authorization code' })
  @ApiQuery({ name: 'state', required: false, schema: { type: 'string' }, description: 'The state the sign-in started with' })
  @ApiQuery({
    name: 'error',
    required: false,
    schema: { type: 'string' },
    description: 'The provider’s error, when it did not sign the person in',
  })
  @ApiResponse({
    status: 302,
    description: [
      'Signed in: to the `next` page the sign-in started with, with the session cookie (`liaison_session`, HttpOnly, SameSite=Lax). The e-mail the provider verified (`email_verified: true`) names an active person.',
      '',
      'Not signed in: to `/sign-in?error=<code>`, no session cookie:',
      '',
      ...Object.entries(OIDC_FAILURES).map(([code, means]) => `- \`${code}\`: ${means}`),
      '',
      'The `liaison_oidc` cookie is cleared either way.',
    ].join('\n'),
    headers: {
      Location: LOCATION,
      'Set-Cookie': { description: 'liaison_session=…, and liaison_oidc cleared', schema: { type: 'string' } },
    },
  })
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    const query = request.originalUrl.indexOf('?');
    const answer = await this.oidc.callback({
      search: query < 0 ? '' : request.originalUrl.slice(query),
      cookie: cookieOf(request, OIDC_COOKIE),
      userAgent: request.headers['user-agent'],
      ip: request.ip,
    });
    send(response, answer);
  }
}

function send(response: Response, answer: OidcAnswer): void {
  response.setHeader('Set-Cookie', answer.cookies);
  response.setHeader('Cache-Control', 'no-store');
  response.redirect(302, answer.location);
}
