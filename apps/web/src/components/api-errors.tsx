import { ApiError, messageOf } from '../api/client';

/**
 * The API's problems per field of a refusal (`details: [{ field, problems }]` of a 400 or 422), by
 * the first segment of each field's path, for the form to show beside each field.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return errors;
  for (const entry of error.details as Array<{ field?: unknown; problems?: unknown }>) {
    if (typeof entry?.field !== 'string') continue;
    const field = entry.field.split(/[.[]/)[0];
    const problems = Array.isArray(entry.problems) ? entry.problems.map(String) : ['is not valid'];
    errors[field] = [errors[field], ...problems].filter(Boolean).join('; ');
  }
  return errors;
}

/** The API's refusal, in words, where the whole form can see it. */
export function FormError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <p role="alert" className="error-text form-error">
      {messageOf(error)}
    </p>
  );
}
