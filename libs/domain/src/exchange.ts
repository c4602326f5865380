/** The life of an exchange. */
export const EXCHANGE_STATUSES = ['scheduled', 'confirmed', 'held', 'closed', 'cancelled'] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];
/** An exchange in one of these is still ahead: it can be confirmed, rescheduled or cancelled. */
export const OPEN_EXCHANGE_STATUSES: readonly ExchangeStatus[] = ['scheduled', 'confirmed'];
