import type { ErrorCode, ErrorCodeOf } from '@liaison/domain';

/** The HTTP status a domain error maps to at the edge; the code says what went wrong. */
export type DomainErrorKind = 'invalid' | 'not_found' | 'forbidden' | 'conflict' | 'unprocessable' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  static invalid(code: ErrorCodeOf<400>, message: string, details?: unknown): DomainError {
    return new DomainError('invalid', code, message, details);
  }
  static notFound(code: ErrorCodeOf<404>, message: string): DomainError {
    return new DomainError('not_found', code, message);
  }
  static forbidden(code: ErrorCodeOf<403>, message: string): DomainError {
    return new DomainError('forbidden', code, message);
  }
  static conflict(code: ErrorCodeOf<409>, message: string, details?: unknown): DomainError {
    return new DomainError('conflict', code, message, details);
  }
  /**
   * Well formed (the request keeps to the API document) but refused by a rule no schema states: an
   * id that names nobody, a host not among the organisations, a start in the past, an idempotency key
   * reused with another body. `invalid` (400) is for a request that breaks the document itself.
   */
  static unprocessable(code: ErrorCodeOf<422>, message: string, details?: unknown): DomainError {
    return new DomainError('unprocessable', code, message, details);
  }
  static unavailable(code: ErrorCodeOf<503>, message: string): DomainError {
    return new DomainError('unavailable', code, message);
  }
}
