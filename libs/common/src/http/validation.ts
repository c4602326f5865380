import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import type { FieldProblem } from './error-response';

/** Flattens class-validator's tree into one entry per field path, e.g. `channels.webhookUrl`. */
export function fieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.values(error.constraints) }] : [];
    return [...own, ...fieldProblems(error.children ?? [], field)];
  });
}

/** Whitelisting, unknown fields refused, payloads turned into DTO instances; 400 names each field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const details = fieldProblems(errors);
      const message = `invalid input: ${details.map((d) => `${d.field}: ${d.problems.join(', ')}`).join('; ')}`;
      return new BadRequestException({ message, details });
    },
  });
}
