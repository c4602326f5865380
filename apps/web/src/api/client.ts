import { createLiaisonClient, type LiaisonClient, type Schemas } from '@liaison/client';

/** The CSRF token of the current session, sent as X-CSRF-Token on every unsafe request. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * The one client of the API the app uses: same origin, the session cookie (HttpOnly, sent by the
 * browser), and the session's CSRF token on POST, PUT, PATCH and DELETE.
 */
export const api: LiaisonClient = createLiaisonClient({
  baseUrl: window.location.origin,
  csrfToken: () => csrfToken,
});

/** A refusal or failure of the API, with what it said (its `Error` shape) to show to the person. */
export class ApiError extends Error {
  readonly status: number;
  readonly code?: string;
  readonly details?: unknown;
  readonly requestId?: string;

  constructor(status: number, body: Partial<Schemas['Error']> | undefined) {
    super(body?.message ?? (status === 0 ? 'Liaison could not be reached.' : `The server answered ${status}.`));
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.code;
    this.details = body?.details;
    this.requestId = body?.requestId;
  }
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * The client's `{ data, error, response }` as data or a thrown ApiError, for TanStack Query:
 * `queryFn: () => answer(api.GET('/v1/me'))`. An answer without a body (204, 202) is `undefined`.
 */
export async function answer<T>(call: Promise<Answer<T>>): Promise<T> {
  let result: Answer<T>;
  try {
    result = await call;
  } catch {
    throw new ApiError(0, undefined);
  }
  return unwrap(result);
}

/** `answer` for a result already awaited. */
export function unwrap<T>(result: Answer<T>): T {
  if (!result.response.ok) throw new ApiError(result.response.status, asError(result.error));
  return result.data as T;
}

function asError(error: unknown): Partial<Schemas['Error']> | undefined {
  return typeof error === 'object' && error !== null ? error : undefined;
}

/** The message to show for anything a query or mutation threw. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
