import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { DomainError } from '@liaison/common';
import { Reflector } from '@nestjs/core';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { ErrorCodeOf, PersonRole } from '@liaison/domain';
import type { Request } from 'express';
import { PERSON_ONLY, PUBLIC_ROUTE, REQUIRED_ROLES } from './decorators';
import { hasRole, Principal } from './principal';

/** The `code` of the 403 for a caller without any of the roles a route requires. */
export const ROLE_REQUIRED = 'ACCESS.ROLE_REQUIRED' satisfies ErrorCodeOf<403>;
/** The `code` of the 403 for the admin token on a route that is a person's own (`@PersonOnly()`). */
export const NOT_A_PERSON = 'ME.NOT_A_PERSON' satisfies ErrorCodeOf<403>;
import { bearerToken, sameSecret } from './tokens';
import { TokenService } from './token.service';
import { cookieOf, CSRF_HEADER, sameCsrfToken, sameOrigin, SESSION_COOKIE, UNSAFE_METHODS } from './sessions/session-cookie';
import { SessionsService } from './sessions/sessions.service';

/** The `code` of the 403 for a change signed in by the session cookie without the web app's Origin and CSRF token. */
export const CSRF_REFUSED = 'AUTH.CSRF' satisfies ErrorCodeOf<403>;

/**
 * Every route needs a bearer token or the web app's session cookie unless marked @Public(); @Roles()
 * narrows who may call it. A bearer token wins when both are sent. A change (POST, PUT, PATCH,
 * DELETE) signed in by the cookie must also come from the API's own Origin with the session's CSRF
 * token in `X-CSRF-Token`: SameSite=Lax already keeps another site's forms from sending the
 * cookie; the two checks hold where it does not (an older browser, a sibling subdomain).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const token = bearerToken(request.headers.authorization);
    const principal = token ? await this.bearer(token) : await this.session(request);
    request.principal = principal;
    if (principal.kind !== 'person' && this.reflector.getAllAndOverride<boolean>(PERSON_ONLY, targets)) {
      throw DomainError.forbidden(NOT_A_PERSON, "the admin token is not a person; this is a person's own (use a person's token)");
    }

    const roles = this.reflector.getAllAndOverride<PersonRole[] | undefined>(REQUIRED_ROLES, targets);
    if (roles && !roles.some((role) => hasRole(principal, role))) {
      throw DomainError.forbidden(ROLE_REQUIRED, `this needs the role ${roles.join(' or ')}`);
    }
    return true;
  }

  private async bearer(token: string): Promise<Principal> {
    if (sameSecret(token, this.config.adminToken)) return { kind: 'admin-token' };
    const resolution = await this.tokens.resolve(token);
    if ('refused' in resolution) throw new UnauthorizedException(REFUSALS[resolution.refused]);
    return resolution.principal;
  }

  private async session(request: Request): Promise<Principal> {
    const secret = cookieOf(request, SESSION_COOKIE);
    if (!secret)
      throw new UnauthorizedException(
        'a bearer token is required (Authorization: Bearer <token>), or the session cookie of a sign-in to the web app',
      );
    const resolution = await this.sessions.resolve(secret);
    if ('refused' in resolution) throw new UnauthorizedException(SESSION_REFUSALS[resolution.refused]);
    if (UNSAFE_METHODS.has(request.method)) {
      if (!sameOrigin(request, this.config.publicBaseUrl, true)) {
        throw DomainError.forbidden(CSRF_REFUSED, 'a change signed in by the session cookie must come from the web app (its Origin)');
      }
      const given = request.headers[CSRF_HEADER];
      if (!sameCsrfToken(secret, typeof given === 'string' ? given : undefined)) {
        throw DomainError.forbidden(CSRF_REFUSED, "a change signed in by the session cookie needs the session's X-CSRF-Token header");
      }
    }
    return resolution.principal;
  }
}

const SESSION_REFUSALS = {
  unknown: 'the session is not valid: sign in again',
  revoked: 'the session has ended (signed out or revoked): sign in again',
  expired: 'the session has expired: sign in again',
  idle: 'the session ended after a long time unused: sign in again',
  deactivated: 'the person this session belongs to has been deactivated',
} as const;

const REFUSALS = {
  unknown: 'the bearer token is not valid',
  deactivated: 'the person this bearer token belongs to has been deactivated',
  revoked: 'the bearer token has been revoked',
  expired: 'the bearer token has expired',
} as const;
