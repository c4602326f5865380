import { DomainError } from '@liaison/common';

/** A start given by a caller: an instant in the future, or a 422 naming `startsAt`. */
export function futureStart(startsAt: string): Date {
  const start = new Date(startsAt);
  if (start.getTime() <= Date.now()) {
    throw DomainError.unprocessable('EXCHANGE.START_IN_PAST', 'startsAt: must be in the future', [
      { field: 'startsAt', problems: ['must be in the future'] },
    ]);
  }
  return start;
}
