import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { PersonRole } from '@liaison/domain';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = 'liaison:public';
export const REQUIRED_ROLES = 'liaison:roles';
export const RETURNS_SECRET = 'liaison:returns-secret';
export const PERSON_ONLY = 'liaison:person-only';

/** Reachable without a token (health, docs, metrics). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/**
 * The route is the calling person's own (`/v1/me/...`): a person's token only. The admin token is
 * not a person, so AuthGuard refuses it with a 403 `ME.NOT_A_PERSON`, and the API document lists
 * only the `bearer` scheme for the route.
 */
export const PersonOnly = () => SetMetadata(PERSON_ONLY, true);

/** Any one of these roles may call the route; admins always may. */
export const Roles = (...roles: PersonRole[]) => SetMetadata(REQUIRED_ROLES, roles);

/**
 * The route's answer carries a secret (a bearer token, a feed address, a signing secret). Sent with
 * an `Idempotency-Key`, its answer is not kept as it is: with `fields` (top-level fields of the
 * answer that hold the secret), the answer without them; without, nothing. A repeat of the key is a
 * 409 `IDEMPOTENCY.SECRET_NOT_REPLAYABLE` (with what was kept, as `details.firstAnswer`), so no
 * secret is ever readable in `idempotency_keys`. Mark every route whose answer holds one.
 */
export const ReturnsSecret = (...fields: string[]) => SetMetadata(RETURNS_SECRET, fields);

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => context.switchToHttp().getRequest<{ principal: Principal }>().principal,
);
