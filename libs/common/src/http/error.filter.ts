import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { DomainError, DomainErrorKind } from '../domain-error';
import type { ErrorResponse } from './error-response';

const STATUS_OF: Record<DomainErrorKind, number> = {
  invalid: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  unavailable: 503,
};

/**
 * Maps every error to the API's error shape, once, at the edge. Body-parser errors (bad JSON,
 * a body over the limit) keep their 4xx; anything unexpected is a logged 500 with an error id.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception, request);
    if (body.statusCode === Number(HttpStatus.SERVICE_UNAVAILABLE)) response.setHeader('Retry-After', '5');
    // JSON whatever the route would have answered (a feed's text/calendar, set before its handler ran).
    response.setHeader('Content-Type', 'application/json; charset=utf-8');
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, request: Request & { id?: string }): ErrorResponse {
    const requestId = request.id ? String(request.id) : undefined;
    if (exception instanceof DomainError) {
      const statusCode = STATUS_OF[exception.kind];
      return shape(statusCode, exception.message, exception.details, requestId, exception.code);
    }
    const bodyParserError = bodyParserMessage(exception);
    if (bodyParserError) return shape(bodyParserError.status, bodyParserError.message, undefined, requestId);
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      const raw = typeof payload === 'string' ? payload : (payload as { message?: unknown }).message;
      const message = Array.isArray(raw) ? raw.join('; ') : typeof raw === 'string' ? raw : exception.message;
      const { details, code } = typeof payload === 'object' ? (payload as { details?: unknown; code?: unknown }) : {};
      return shape(statusCode, message, details, requestId, typeof code === 'string' ? code : undefined);
    }
    const errorId = randomUUID();
    this.logger.error(
      {
        err: exception,
        errorId,
        requestId,
        method: request.method,
        url: request.url,
      },
      'unhandled error',
    );
    return shape(500, `internal error (error id ${errorId})`, undefined, requestId);
  }
}

/** Errors of the JSON body parser, whether Nest wrapped them in an HttpException or not. */
function bodyParserMessage(exception: unknown): { status: number; message: string } | null {
  const candidates = [exception, (exception as { cause?: unknown })?.cause];
  for (const candidate of candidates) {
    const type = (candidate as { type?: unknown })?.type;
    if (type === 'entity.too.large') return { status: 413, message: 'request body is larger than the 1 MB limit' };
    if (type === 'entity.parse.failed') {
      return { status: 400, message: `request body is not valid JSON: ${(candidate as Error).message}` };
    }
  }
  if (exception instanceof HttpException && exception.getStatus() === 413) {
    return { status: 413, message: 'request body is larger than the 1 MB limit' };
  }
  if (exception instanceof HttpException && exception.getStatus() === 400 && exception instanceof Error && /JSON/.test(exception.message)) {
    return { status: 400, message: `request body is not valid JSON: ${exception.message}` };
  }
  return null;
}

function shape(statusCode: number, message: string, details: unknown, requestId?: string, code?: string): ErrorResponse {
  return {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    ...(code ? { code } : {}),
    ...(details !== undefined ? { details } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
