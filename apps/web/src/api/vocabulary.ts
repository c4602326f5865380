import type { Schemas } from '@liaison/client';

/**
 * The API's words the app offers as choices (filters, forms). The generated client has them as types
 * only, so they are listed here, once, and `vocabulary.spec.ts` holds each list to the API's own.
 */
export const EXCHANGE_STATUSES = ['scheduled', 'confirmed', 'held', 'closed', 'cancelled'] as const satisfies ReadonlyArray<
  Schemas['ExchangeResponse']['status']
>;
export const LEVELS = ['senior', 'working'] as const satisfies ReadonlyArray<Schemas['ExchangeResponse']['level']>;
export const SUPPORT_STATUSES: Array<Schemas['SupportRequestResponse']['status']> = [
  'submitted',
  'acknowledged',
  'under_review',
  'information_requested',
  'recommended',
  'approved',
  'declined',
  'in_delivery',
  'delivered',
  'closed',
  'withdrawn',
];
export const PRIORITIES: Array<Schemas['SupportRequestResponse']['priority']> = ['routine', 'priority', 'urgent'];

/** Each attendance as the app says it, in the API's order (`ATTENDANCE_STATUSES`). */
export const ATTENDANCE_LABELS = {
  'needs-action': 'not answered yet',
  accepted: 'attends',
  tentative: 'may attend',
  declined: 'does not attend',
  delegated: 'delegated to a colleague',
} as const satisfies Record<NonNullable<Schemas['ParticipantResponse']['attendance']>, string>;
