import type { HeaderObject, OpenAPIObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import { operationsOf } from './operations';
import type { RouteFacts } from './route-facts';

/** The two limits (libs/access/src/throttling.ts), by the suffix @nestjs/throttler gives their headers. */
const LIMITS = {
  address: 'this client address',
  token: 'this bearer token (sent only when the request carries one)',
} as const;

/** What each of @nestjs/throttler's headers says, per limit. */
const HEADERS = {
  Limit: (who: string) => `Requests a minute allowed for ${who}`,
  Remaining: (who: string) => `Requests left for ${who} in the current minute`,
  Reset: (who: string) => `Seconds until the count for ${who} starts again`,
} as const;

const headerName = (header: keyof typeof HEADERS, limit: keyof typeof LIMITS) => `X-RateLimit-${header}-${limit}`;
const componentName = (header: keyof typeof HEADERS, limit: keyof typeof LIMITS) =>
  `RateLimit${header}${limit === 'address' ? 'Address' : 'Token'}`;

/** The headers, once, in `components.headers`. */
export function rateLimitHeaderComponents(): Record<string, HeaderObject> {
  const components: Record<string, HeaderObject> = {};
  for (const limit of Object.keys(LIMITS) as Array<keyof typeof LIMITS>)
    for (const header of Object.keys(HEADERS) as Array<keyof typeof HEADERS>)
      components[componentName(header, limit)] = { description: HEADERS[header](LIMITS[limit]), schema: { type: 'integer', minimum: 0 } };
  return components;
}

/**
 * Every answer that passed the rate limits carries their counts (@nestjs/throttler's `X-RateLimit-*`
 * headers, one set per limit; the token's only for a request with a bearer token). Added to each
 * response of each operation, and to the shared error responses, as references to the components.
 * Not required: an answer given before the limits are counted (a body the parser refused) has none.
 */
export function documentRateLimitHeaders(
  document: OpenAPIObject,
  facts: (operationId: string | undefined) => RouteFacts | undefined,
): void {
  const referTo = (response: ResponseObject, limits: Array<keyof typeof LIMITS>) => {
    for (const limit of limits)
      for (const header of Object.keys(HEADERS) as Array<keyof typeof HEADERS>)
        (response.headers ??= {})[headerName(header, limit)] = { $ref: `#/components/headers/${componentName(header, limit)}` };
  };
  for (const { operation } of operationsOf(document)) {
    const limits: Array<keyof typeof LIMITS> = facts(operation.operationId)?.public ? ['address'] : ['address', 'token'];
    for (const response of Object.values(operation.responses as Record<string, ResponseObject | ReferenceObject>))
      if (!('$ref' in response)) referTo(response, limits);
  }
  for (const response of Object.values((document.components?.responses ?? {}) as Record<string, ResponseObject>))
    referTo(response, ['address', 'token']);
}
