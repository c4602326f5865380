import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorFilter } from '@liaison/common';
import type { AllowedMethods } from '../openapi/allowed-methods';

/** SQLSTATEs that mean the server cannot take the query now, not that the query is wrong. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: the server is stopping (pg_ctl stop) and ended the session
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up or shutting down
  '53300', // too_many_connections
]);
/** Socket errors of a connection to the database (or another backing service) that cannot be made or was cut. */
const UNAVAILABLE_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
/** What node-postgres and its pool say when the connection went away or could not be had in time. */
const UNAVAILABLE_MESSAGES = [
  /Connection terminated/i,
  /connection error and is not queryable/i,
  /timeout exceeded when trying to connect/i,
  /the database system is (shutting down|starting up|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

/**
 * Whether an error (or any error it wraps: TypeORM's `driverError`, `cause`, an AggregateError's
 * `errors`) says the database could not be reached, rather than that the request was wrong.
 */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, syscall, message, driverError, cause, errors } = error as {
    code?: unknown;
    syscall?: unknown;
    message?: unknown;
    driverError?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (typeof code === 'string') {
    if (UNAVAILABLE_SQLSTATES.has(code) || code.startsWith('08') || UNAVAILABLE_ERRNOS.has(code)) return true;
    // A database on a Unix-domain socket (DATABASE_URL `?host=/dir`) that is down: its socket file is gone.
    if (code === 'ENOENT' && syscall === 'connect') return true;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const inner = [driverError, cause, ...(Array.isArray(errors) ? errors : [])];
  return inner.some((candidate) => candidate !== error && isDatabaseUnavailable(candidate, depth + 1));
}

/**
 * gRPC statuses of a call to Temporal that mean the service cannot take it now, not that it was
 * wrong: UNAVAILABLE (14, the frontend down or restarting), RESOURCE_EXHAUSTED (8, its rate limits:
 * too many Updates at once), DEADLINE_EXCEEDED (4).
 */
const TEMPORAL_UNAVAILABLE_STATUSES = new Set([4, 8, 14]);

/**
 * Whether an error (or the gRPC error a Temporal `ServiceError` wraps as `cause`) says Temporal could
 * not take the call now. A gRPC error is told by its numeric `code` with `metadata`.
 */
export function isTemporalUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const { code, metadata, cause } = error as { code?: unknown; metadata?: unknown; cause?: unknown };
  if (typeof code === 'number' && metadata !== undefined && TEMPORAL_UNAVAILABLE_STATUSES.has(code)) return true;
  return cause !== error && isTemporalUnavailable(cause, depth + 1);
}

/**
 * The API's error filter: the shared ErrorFilter, with
 * - a lost or refused database connection a 503 (the filter adds `Retry-After`) instead of a 500.
 *   The pools reconnect by themselves once Postgres is back, so the client's retry is the whole remedy;
 * - likewise Temporal unreachable or refusing for its rate limits, wherever a route calls it (an
 *   Update, a workflow's description), a 503 `TEMPORAL.UNAVAILABLE`; nothing was changed;
 * - a request that no route took, for a path the API document has with other methods, a 405 with
 *   `Allow` instead of a 404.
 */
@Catch()
export class ApiErrorFilter extends ErrorFilter {
  private readonly unavailableLogger = new Logger('HTTP');

  constructor(private readonly allowedMethods?: AllowedMethods) {
    super();
  }

  override catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    // A documented path asked with a method it does not have: the router's 404, or a templated
    // route's refusal of a path that is another, concrete one (`PATCH /v1/series/preview` reaching
    // `PATCH /v1/series/{id}`, whose id is no UUID). A path's own methods never get here this way.
    const allow = this.allowedMethods?.of(request.path);
    if (allow && !allow.includes(request.method)) {
      host.switchToHttp().getResponse<Response>().setHeader('Allow', allow.join(', '));
      const message = `${request.method} is not a method of ${request.path}; it allows ${allow.join(', ')}`;
      return super.catch(new HttpException({ message }, HttpStatus.METHOD_NOT_ALLOWED), host);
    }
    const err = exception instanceof Error ? exception.message : String(exception);
    if (isDatabaseUnavailable(exception)) {
      this.unavailableLogger.warn({ err }, 'database unavailable: 503');
      return super.catch(
        DomainError.unavailable('DATABASE.UNAVAILABLE', 'the database is unavailable for the moment; try again shortly'),
        host,
      );
    }
    if (isTemporalUnavailable(exception)) {
      this.unavailableLogger.warn({ err }, 'temporal unavailable: 503');
      return super.catch(
        DomainError.unavailable('TEMPORAL.UNAVAILABLE', 'the workflow service is unavailable for the moment; try again shortly'),
        host,
      );
    }
    super.catch(exception, host);
  }
}
