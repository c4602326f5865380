import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { PersonRole } from '@liaison/persistence';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'liaison:public';
export const REQUIRED_ROLES = 'liaison:roles';

/** Reachable without a token (health, docs, metrics). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Any one of these roles may call the route; admins always may. */
export const Roles = (...roles: PersonRole[]) => SetMetadata(REQUIRED_ROLES, roles);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
