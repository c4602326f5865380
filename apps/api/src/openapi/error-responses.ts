import type { OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { STATUS_CODES } from 'node:http';
import type { RouteFacts } from './route-facts';

/** The one error shape of the API (libs/common's ErrorResponse), as a component of the document. */
export const ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['statusCode', 'error', 'message'],
  properties: {
    statusCode: { type: 'integer', description: 'The HTTP status, repeated' },
    error: { type: 'string', description: 'The name of the status (`Bad Request`, `Not Found`, …)' },
    message: { type: 'string', description: 'What is wrong, in a sentence a person can act on' },
    code: { type: 'string', description: 'Which rule refused, where the status alone does not say (`PERSON.NOT_MANAGER`)' },
    details: { description: 'More about the refusal: for a 400, one entry per field with its problems' },
    requestId: {
      type: 'string',
      description: 'The request id: the `X-Request-Id` the caller sent, or one made up; every log line of the request carries it',
    },
  },
};

const RETRY_AFTER = {
  description: 'Seconds to wait before trying again',
  schema: { type: 'integer', minimum: 1 },
};

/** Why each status can be answered, whatever the route. */
const WHY: Record<number, string> = {
  400: 'The request breaks the document: a parameter or a body field is missing, of the wrong type or out of its bounds (`details` names each)',
  401: 'No bearer token, or one that is not valid, revoked, expired or of a deactivated person',
  403: 'The caller may not do this (`code` says which rule refused)',
  404: 'Not found, or not visible to the caller',
  409: 'The request conflicts with the current state (`code` says how)',
  413: 'The body is larger than 1 MB',
  415: 'The body is not `application/json`',
  422: 'Well formed, but refused as it stands (`code` says why)',
  429: 'Too many requests from this address or with this token in a minute (`code`: `RATE_LIMIT.ADDRESS` or `RATE_LIMIT.TOKEN`)',
  503: 'A store the API depends on (Postgres, Temporal) is unavailable; nothing was changed (`code`: `DATABASE.UNAVAILABLE` or `TEMPORAL.UNAVAILABLE`)',
};

/** The statuses every operation of this kind can answer besides the ones it declares itself. */
export function statusesOf(method: string, operation: OperationObject, facts: RouteFacts | undefined): number[] {
  const statuses = new Set<number>([429, 503]);
  const parameters = operation.parameters ?? [];
  if (parameters.length > 0 || operation.requestBody) statuses.add(400);
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
  // Idempotency-Key: a repeat while the first runs (409, above), the same key with another request (422).
  if (method === 'post' && !facts?.public) statuses.add(422);
  // Input the document allows but a rule refuses: an id or code that names nothing, a date passed, a
  // cursor the API never wrote (docs/decisions.md: 400 or 422).
  if (operation.requestBody || parameters.some((parameter) => 'in' in parameter && parameter.in === 'query')) statuses.add(422);
  return [...statuses].sort((a, b) => a - b);
}

/** An error response: the shared schema, with a reason (the route's own, or the status's). */
export function errorResponse(status: number, description = WHY[status] ?? STATUS_CODES[status] ?? 'Error'): ResponseObject {
  const response: ResponseObject = {
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  if (status === 429 || status === 503) response.headers = { 'Retry-After': RETRY_AFTER };
  return response;
}

/** The name of a status's shared response in `components.responses` (`Status404`). */
export const sharedResponseName = (status: number) => `Status${status}`;

/** One shared response per status that every operation may answer, referred to from each. */
export function sharedErrorResponses(): Record<string, ResponseObject> {
  return Object.fromEntries(Object.keys(WHY).map((status) => [sharedResponseName(Number(status)), errorResponse(Number(status))]));
}

/**
 * Adds every error status the operation can answer: the shared response, or where the route
 * declared the status with its own reason, that reason with the error schema.
 */
export function completeErrors(method: string, operation: OperationObject, facts: RouteFacts | undefined): void {
  const responses = operation.responses as Record<string, ResponseObject | ReferenceObject>;
  for (const status of statusesOf(method, operation, facts)) {
    if (!responses[String(status)]) responses[String(status)] = { $ref: `#/components/responses/${sharedResponseName(status)}` };
  }
  for (const [status, declared] of Object.entries(responses)) {
    if (Number(status) >= 400 && !('$ref' in declared) && !declared.content)
      responses[status] = errorResponse(Number(status), declared.description);
  }
}
