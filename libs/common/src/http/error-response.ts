/** The one error shape of the API (BRIEF: `{ statusCode, error, message, details? }`). */
export interface ErrorResponse {
  statusCode: number;
  error: string;
  message: string;
  /** Which rule refused, where the status alone does not say (`PERSON.NOT_MANAGER`, `RATE_LIMIT.ADDRESS`). */
  code?: string;
  details?: unknown;
  requestId?: string;
}

export interface FieldProblem {
  field: string;
  problems: string[];
}
