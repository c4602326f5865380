import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';

/**
 * The one error shape of the API (BRIEF: `{ statusCode, error, message, details? }`): what the error
 * filter answers, and, as the component `Error`, the schema of every error response in the document.
 */
@ApiSchema({ name: 'Error' })
export class ErrorResponse {
  @ApiProperty({ type: 'integer', description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({ description: 'The name of the status (`Bad Request`, `Not Found`, …)' })
  error!: string;

  @ApiProperty({ description: 'What is wrong, in a sentence a person can act on' })
  message!: string;

  @ApiPropertyOptional({
    description:
      "Which rule refused, where the status alone does not say (`PERSON.NOT_MANAGER`); each operation's response lists its codes",
  })
  code?: string;

  @ApiPropertyOptional({
    description: 'More about the refusal: for a 400 (and a 422 that names fields), one entry per field with its problems',
    oneOf: [{ type: 'array', items: {} }, { type: 'object' }],
  })
  details?: unknown;

  @ApiPropertyOptional({
    description: 'The request id: the `X-Request-Id` the caller sent, or one made up; every log line of the request carries it',
  })
  requestId?: string;
}

export interface FieldProblem {
  field: string;
  problems: string[];
}
