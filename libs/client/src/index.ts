import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths, webhooks } from './schema';

export type { components, operations, paths, webhooks } from './schema';

/** The document's named schemas: `Schemas['ExchangeResponse']`, `Schemas['CreateExchangeDto']`, `Schemas['Error']`. */
export type Schemas = components['schemas'];

/**
 * What a subscription's URL receives, by event type (the document's `webhooks`, docs/events.md):
 * `EventPayloads['exchange.created']` is `{ id, type, occurredAt, organization, data }` with the
 * exchange as `data`. `ping` included.
 */
export type EventPayloads = { [T in keyof webhooks]: webhooks[T]['post']['requestBody']['content']['application/json'] };

/** The payload of one event type: `EventPayload<'minutes.approved'>`. */
export type EventPayload<T extends keyof EventPayloads> = EventPayloads[T];

/** Any payload a subscription's URL may receive, told apart by `type`. */
export type AnyEventPayload = EventPayloads[keyof EventPayloads];

/** A client of the Liaison API whose every path, parameter, body and answer is typed from docs/openapi.json. */
export type LiaisonClient = Client<paths>;

export interface LiaisonClientOptions extends ClientOptions {
  /** The API's origin, e.g. `https://liaison.example.org` (the paths carry `/v1`). */
  baseUrl: string;
  /** A person's API token, or the admin token; sent as `Authorization: Bearer …`. */
  token?: string;
  /**
   * In the web app, signed in by the session cookie: the session's CSRF token (from
   * `POST /v1/auth/sessions` or `GET /v1/auth/session`), sent as `X-CSRF-Token` on every change.
   */
  csrfToken?: () => string | null | undefined;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A typed client of the Liaison API (openapi-fetch over the types openapi-typescript generates from
 * the committed document). Each call answers `{ data, error, response }`: `data` on a 2xx, `error`
 * (the API's `Error` shape) otherwise; nothing is thrown for an HTTP status.
 */
export function createLiaisonClient({ token, csrfToken, ...options }: LiaisonClientOptions): LiaisonClient {
  const client = createClient<paths>({ credentials: 'same-origin', ...options });
  if (token) {
    client.use({
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    });
  }
  if (csrfToken) {
    client.use({
      onRequest({ request }) {
        const value = UNSAFE.has(request.method) ? csrfToken() : null;
        if (value) request.headers.set('x-csrf-token', value);
        return request;
      },
    });
  }
  return client;
}
