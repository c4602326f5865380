/** The one error shape of the API (BRIEF: `{ statusCode, error, message, details? }`). */
export interface ErrorResponse {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export interface FieldProblem {
  field: string;
  problems: string[];
}
