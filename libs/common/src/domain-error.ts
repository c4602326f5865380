/** The HTTP status a domain error maps to at the edge; the code says what went wrong. */
export type DomainErrorKind = 'invalid' | 'not_found' | 'forbidden' | 'conflict' | 'unprocessable' | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  static invalid(code: string, message: string, details?: unknown): DomainError {
    return new DomainError('invalid', code, message, details);
  }
  static notFound(code: string, message: string): DomainError {
    return new DomainError('not_found', code, message);
  }
  static forbidden(code: string, message: string): DomainError {
    return new DomainError('forbidden', code, message);
  }
  static conflict(code: string, message: string, details?: unknown): DomainError {
    return new DomainError('conflict', code, message, details);
  }
  /**
   * Well formed (the request keeps to the API document) but refused by a rule no schema states: an
   * id that names nobody, a host not among the organisations, a start in the past, an idempotency key
   * reused with another body. `invalid` (400) is for a request that breaks the document itself.
   */
  static unprocessable(code: string, message: string, details?: unknown): DomainError {
    return new DomainError('unprocessable', code, message, details);
  }
  static unavailable(code: string, message: string): DomainError {
    return new DomainError('unavailable', code, message);
  }
}
