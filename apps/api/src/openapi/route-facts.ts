import { INestApplication, ParseUUIDPipe } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA, VERSION_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { ModulesContainer } from '@nestjs/core';
import { PERSON_ONLY, PUBLIC_ROUTE, REQUIRED_ROLES, RETURNS_SECRET } from '@liaison/access';
import { REFUSES } from '@liaison/common';
import type { ErrorCode, PersonRole } from '@liaison/domain';

/** What the API document needs to know of a route that Swagger's scan does not say: who may call it, which path parameters are UUIDs, which codes it refuses with. */
export interface RouteFacts {
  /** Reachable without a bearer token (`@Public()`). */
  public: boolean;
  /** `@Roles(...)`: the caller needs one of these (admins always may); empty when any signed-in caller may. */
  roles: PersonRole[];
  /** `@PersonOnly()`: a person's token only; the admin token gets a 403. */
  personOnly: boolean;
  /** Path parameters parsed by ParseUUIDPipe. */
  uuidParams: string[];
  /** `@Refuses(...)` on the handler and on its controller: the codes of the route's own rules. */
  refuses: ErrorCode[];
  /** `@ReturnsSecret()`: a repeated Idempotency-Key cannot replay the answer. */
  returnsSecret: boolean;
}

/**
 * The facts of every route handler, keyed by the operationId Swagger gives it
 * (`<Controller>_<method>_v<version>`, or without the version suffix when the route has none).
 */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as object;
      for (const method of Object.getOwnPropertyNames(prototype)) {
        // The descriptor, not the property: reading a getter of a controller that was never made would run it.
        const handler: unknown = Object.getOwnPropertyDescriptor(prototype, method)?.value;
        if (method === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined || Reflect.getMetadata(METHOD_METADATA, handler) === undefined)
          continue;
        const fact: RouteFacts = {
          public: Boolean(Reflect.getMetadata(PUBLIC_ROUTE, handler) ?? Reflect.getMetadata(PUBLIC_ROUTE, controller)),
          roles: (Reflect.getMetadata(REQUIRED_ROLES, handler) ?? Reflect.getMetadata(REQUIRED_ROLES, controller) ?? []) as PersonRole[],
          personOnly: Boolean(Reflect.getMetadata(PERSON_ONLY, handler) ?? Reflect.getMetadata(PERSON_ONLY, controller)),
          uuidParams: uuidParams(controller, method),
          refuses: [
            ...((Reflect.getMetadata(REFUSES, controller) ?? []) as ErrorCode[]),
            ...((Reflect.getMetadata(REFUSES, handler) ?? []) as ErrorCode[]),
          ],
          returnsSecret: Reflect.getMetadata(RETURNS_SECRET, handler) !== undefined,
        };
        for (const id of operationIds(controller, method, handler)) facts.set(id, fact);
      }
    }
  }
  return facts;
}

function operationIds(controller: { name: string }, method: string, handler: object): string[] {
  const base = `${controller.name}_${method}`;
  const versions = (Reflect.getMetadata(VERSION_METADATA, handler) ?? Reflect.getMetadata(VERSION_METADATA, controller)) as
    string | string[] | undefined;
  if (versions === undefined) return [base];
  return [versions].flat().map((version) => `${base}_v${version}`);
}

interface RouteArgument {
  index: number;
  data?: unknown;
  pipes?: unknown[];
}

/** Path parameters (`@Param('id', ParseUUIDPipe)`) that must be UUIDs. */
function uuidParams(controller: object, method: string): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, RouteArgument>;
  return Object.entries(args)
    .filter(([key, argument]) => key.startsWith(`${RouteParamtypes.PARAM}:`) && typeof argument.data === 'string')
    .filter(([, argument]) => (argument.pipes ?? []).some((pipe) => pipe === ParseUUIDPipe || pipe instanceof ParseUUIDPipe))
    .map(([, argument]) => argument.data as string);
}
