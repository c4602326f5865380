import type { ErrorCodeOf } from './error-codes';

/** The life of a series of consultations. */
export const SERIES_STATUSES = ['active', 'paused', 'ended'] as const;
export type SeriesStatus = (typeof SERIES_STATUSES)[number];

/** Why the series workflow refuses an Update; the API answers them as 409s. */
export const SeriesRejection = {
  NotActive: 'SERIES.NOT_ACTIVE',
  NotPaused: 'SERIES.NOT_PAUSED',
  Ended: 'SERIES.ENDED',
} as const satisfies Record<string, ErrorCodeOf<409>>;

/**
 * The series' transition table: pause and resume move between two states and are refused, with
 * their code, from any other; end is taken from any state but `ended`.
 */
export const SERIES_STATUS_CHANGES = {
  pause: { from: 'active', to: 'paused', refusal: SeriesRejection.NotActive },
  resume: { from: 'paused', to: 'active', refusal: SeriesRejection.NotPaused },
} as const satisfies Record<string, { from: SeriesStatus; to: SeriesStatus; refusal: ErrorCodeOf<409> }>;
export type SeriesStatusChange = keyof typeof SERIES_STATUS_CHANGES;
