import type { OpenAPIObject, OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import { ERROR_CODES, ErrorCode } from '@liaison/domain';
import { responseOf } from './operations';
import type { RouteFacts } from './route-facts';

const RETRY_AFTER = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', minimum: 1 },
};

/** Why each status can be answered, whatever the route; the codes of the operation follow. */
const WHY: Record<number, string> = {
  400: 'The request breaks the document: a parameter or a body field is missing, of the wrong type or out of its bounds (`details` names each)',
  401: 'No bearer token or session cookie, or one that is not valid, revoked, expired or of a deactivated person',
  403: 'The caller may not do this (`code` says which rule refused)',
  404: 'Not found, or not visible to the caller',
  409: 'The request conflicts with the current state (`code` says how)',
  413: 'The body is larger than 1 MB',
  415: 'The body is not `application/json`',
  422: 'Well formed, but refused as it stands (`code` says why)',
  429: 'Too many requests from this address or with this token in a minute',
  503: 'A store the API depends on (Postgres, Temporal) is unavailable; nothing was changed',
};

/**
 * The codes every operation can answer: the rate limits, the stores, and the input screen, which reads
 * every query string and body (`?__proto__=…` is refused wherever it is sent).
 */
const EVERYWHERE: ErrorCode[] = ['DATABASE.UNAVAILABLE', 'INPUT.REFUSED', 'RATE_LIMIT.ADDRESS', 'TEMPORAL.UNAVAILABLE'];

/**
 * The codes of an operation: the route's own (`@Refuses`), and those the document knows from the
 * route itself: the roles it needs, a person's own route, a change's CSRF check, a POST's Idempotency-Key, a cursor, and
 * those of every operation (EVERYWHERE; the token's rate limit where a token is taken).
 */
export function codesOf(method: string, operation: OperationObject, facts: RouteFacts | undefined): ErrorCode[] {
  const codes = new Set<ErrorCode>([...EVERYWHERE, ...(facts?.refuses ?? [])]);
  const queries = (operation.parameters ?? []).filter((parameter) => 'in' in parameter && parameter.in === 'query');
  if (!facts?.public) codes.add('RATE_LIMIT.TOKEN');
  if (facts?.roles.length) codes.add('ACCESS.ROLE_REQUIRED');
  if (facts?.personOnly) codes.add('ME.NOT_A_PERSON');
  // A change signed in by the web app's session cookie needs its Origin and CSRF token.
  if (!facts?.public && !['get', 'head', 'options'].includes(method)) codes.add('AUTH.CSRF');
  if (queries.some((parameter) => 'name' in parameter && parameter.name === 'cursor')) codes.add('PAGINATION.BAD_CURSOR');
  if (method === 'post' && !facts?.public) {
    for (const code of ['IDEMPOTENCY.BAD_KEY', 'IDEMPOTENCY.IN_PROGRESS', 'IDEMPOTENCY.KEY_REUSED'] as const) codes.add(code);
    if (facts?.returnsSecret) codes.add('IDEMPOTENCY.SECRET_NOT_REPLAYABLE');
  }
  return [...codes].sort();
}

/** The statuses every operation of this kind can answer besides the ones it declares itself. */
export function statusesOf(method: string, operation: OperationObject, facts: RouteFacts | undefined): number[] {
  // 400 everywhere: any query string may break the input screen's rules, whatever the route's parameters.
  const statuses = new Set<number>([400, 429, 503]);
  const parameters = operation.parameters ?? [];
  if (operation.requestBody) {
    statuses.add(413);
    statuses.add(415);
  }
  // Any signed-in caller may be refused: a role the route needs, or a rule on the rows it touches
  // (another organisation's exchange, a person one does not manage).
  if (!facts?.public) {
    statuses.add(401);
    statuses.add(403);
  }
  if (parameters.some((parameter) => 'in' in parameter && parameter.in === 'path')) statuses.add(404);
  // A change meets the state it changes: an exchange no longer open, a series ended, an e-mail taken.
  if (!['get', 'head', 'options'].includes(method) && !facts?.public) statuses.add(409);
  // Input the document allows but a rule refuses: an id or code that names nothing, a date passed, a
  // cursor the API never wrote (docs/decisions.md: 400 or 422); an Idempotency-Key reused (422).
  if (operation.requestBody || parameters.some((parameter) => 'in' in parameter && parameter.in === 'query')) statuses.add(422);
  if (method === 'post' && !facts?.public) statuses.add(422);
  // And the status of each code the route can answer.
  for (const code of codesOf(method, operation, facts)) statuses.add(ERROR_CODES[code].status);
  return [...statuses].sort((a, b) => a - b);
}

/**
 * An error response: the shared schema with, where the operation answers codes under this status,
 * those codes as the only values of `code`, each with its meaning in the description.
 */
export function errorResponse(
  status: number,
  codes: readonly ErrorCode[],
  reason = WHY[status] ?? STATUS_CODES[status] ?? 'Error',
): ResponseObject {
  const error = { $ref: '#/components/schemas/Error' };
  const schema: SchemaObject | ReferenceObject =
    codes.length === 0 ? error : { allOf: [error, { type: 'object', properties: { code: { type: 'string', enum: [...codes] } } }] };
  const listed = codes.map((code) => `- \`${code}\`: ${ERROR_CODES[code].means}`);
  const response: ResponseObject = {
    description: [reason, ...(listed.length > 0 ? ['', ...listed] : [])].join('\n'),
    content: { 'application/json': { schema } },
  };
  if (status === 429 || status === 503) response.headers = { 'Retry-After': RETRY_AFTER };
  return response;
}

/**
 * The codes an error response lists (what errorResponse writes): the values its schema allows for
 * `code`, in the schema or any of its `allOf`; none where the response puts no bound on `code`.
 */
export function listedCodes(document: OpenAPIObject, response: ResponseObject | ReferenceObject | undefined): string[] {
  const inSchema = (schema: SchemaObject | ReferenceObject | undefined): string[] => {
    if (!schema || '$ref' in schema) return [];
    const own = ((schema.properties?.code as SchemaObject | undefined)?.enum ?? []) as string[];
    return [...own, ...(schema.allOf ?? []).flatMap(inSchema)];
  };
  return inSchema(responseOf(document, response)?.content?.['application/json']?.schema);
}

/** The name of a status's shared response in `components.responses` (`Status404`). */
export const sharedResponseName = (status: number) => `Status${status}`;

/** The codes a status's shared response lists: those every operation answers with that status. */
const sharedCodes = (status: number): ErrorCode[] => EVERYWHERE.filter((code) => ERROR_CODES[code].status === status);

/** One shared response per status, referred to from each operation that answers it with no codes of its own. */
export function sharedErrorResponses(): Record<string, ResponseObject> {
  return Object.fromEntries(
    Object.keys(WHY).map((status) => [sharedResponseName(Number(status)), errorResponse(Number(status), sharedCodes(Number(status)))]),
  );
}

/**
 * Adds every error status the operation can answer, with its codes: the shared response where the
 * operation has nothing of its own to say for the status, else the route's reason (where it declared
 * the status) or the status's, with the operation's codes.
 */
export function completeErrors(method: string, operation: OperationObject, facts: RouteFacts | undefined): void {
  const responses = operation.responses as Record<string, ResponseObject | ReferenceObject>;
  const codes = codesOf(method, operation, facts);
  const declaredErrors = Object.keys(responses)
    .map(Number)
    .filter((status) => status >= 400);
  for (const status of new Set([...statusesOf(method, operation, facts), ...declaredErrors])) {
    const own = codes.filter((code) => ERROR_CODES[code].status === status);
    const declared = responses[String(status)];
    const shared = own.join() === sharedCodes(status).join();
    if (!declared && shared) responses[String(status)] = { $ref: `#/components/responses/${sharedResponseName(status)}` };
    else if (!declared || !('$ref' in declared)) responses[String(status)] = errorResponse(status, own, declared?.description);
  }
}
