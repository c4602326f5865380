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

/** Every route needs a bearer token unless marked @Public(); @Roles() narrows who may call it. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const token = bearerToken(request.headers.authorization);
    if (!token) throw new UnauthorizedException('a bearer token is required (Authorization: Bearer <token>)');
    const principal = sameSecret(token, this.config.adminToken) ? ({ kind: 'admin-token' } as const) : await this.person(token);
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

  private async person(token: string): Promise<Principal> {
    const resolution = await this.tokens.resolve(token);
    if ('refused' in resolution) throw new UnauthorizedException(REFUSALS[resolution.refused]);
    return resolution.principal;
  }
}

const REFUSALS = {
  unknown: 'the bearer token is not valid',
  deactivated: 'the person this bearer token belongs to has been deactivated',
  revoked: 'the bearer token has been revoked',
  expired: 'the bearer token has expired',
} as const;
