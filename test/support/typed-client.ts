import type { Schemas } from '../../libs/client/src';

/** The request bodies the helpers build, as the document types them (fields with a default are optional). */
export type CreateExchangeBody = Schemas['CreateExchangeDto'];
export type CreateSeriesBody = Schemas['CreateSeriesDto'];
export type CreateSupportRequestBody = Schemas['CreateSupportRequestDto'];

/** What a helper says when the API answered otherwise than it expects: `<what>: <status> <body>`. */
export function unexpected(what: string, response: Response, error: unknown): Error {
  return new Error(`${what}: ${response.status} ${JSON.stringify(error)}`);
}

/**
 * The `data` of a client's answer if it came with `status`; otherwise fails with
 * `<what>: <status> <body>`, as the helpers did over supertest.
 */
export async function answered<T>(
  what: string,
  status: number,
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (response.status !== status || data === undefined) throw unexpected(what, response, error);
  return data;
}
