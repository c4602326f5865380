import type { ErrorCodeOf } from './error-codes';
import { millisOf } from './duration';

/** The life of an exchange. */
export const EXCHANGE_STATUSES = ['scheduled', 'confirmed', 'held', 'closed', 'cancelled'] as const;
export type ExchangeStatus = (typeof EXCHANGE_STATUSES)[number];
/** An exchange in one of these is still ahead: it can be confirmed, rescheduled or cancelled. */
export const OPEN_EXCHANGE_STATUSES: readonly ExchangeStatus[] = ['scheduled', 'confirmed'];

export function exchangeWorkflowId(exchangeId: string): string {
  return `exchange-${exchangeId}`;
}

/** What moves an exchange on: its Updates, and its end passing (`hold`). */
export const EXCHANGE_STEPS = ['confirm', 'reschedule', 'cancel', 'hold', 'draftMinutes', 'approveMinutes'] as const;
export type ExchangeStep = (typeof EXCHANGE_STEPS)[number];

/**
 * The transition table: the statuses each step may be taken from, and those it may lead to. A
 * confirmation confirms the exchange once every organisation has confirmed; the last approval of
 * the current minutes closes it; a reschedule leaves the status as it is.
 */
export const EXCHANGE_TRANSITIONS: Readonly<Record<ExchangeStep, { from: readonly ExchangeStatus[]; to: readonly ExchangeStatus[] }>> = {
  confirm: { from: OPEN_EXCHANGE_STATUSES, to: ['scheduled', 'confirmed'] },
  reschedule: { from: OPEN_EXCHANGE_STATUSES, to: OPEN_EXCHANGE_STATUSES },
  cancel: { from: OPEN_EXCHANGE_STATUSES, to: ['cancelled'] },
  hold: { from: OPEN_EXCHANGE_STATUSES, to: ['held'] },
  draftMinutes: { from: ['held'], to: ['held'] },
  approveMinutes: { from: ['held'], to: ['held', 'closed'] },
};

/** Whether `step` may be taken from `status`. */
export function exchangeStepAllowed(step: ExchangeStep, status: ExchangeStatus): boolean {
  return EXCHANGE_TRANSITIONS[step].from.includes(status);
}

/** Failure types an Update can be rejected with; the API maps them to HTTP 409. */
export const ExchangeRejection = {
  NotOpen: 'EXCHANGE.NOT_OPEN',
  NotParticipating: 'EXCHANGE.ORGANIZATION_NOT_PARTICIPATING',
  AlreadyConfirmed: 'EXCHANGE.ALREADY_CONFIRMED',
  BadStart: 'EXCHANGE.BAD_START',
  NotHeld: 'EXCHANGE.NOT_HELD',
  MinutesLocked: 'MINUTES.LOCKED',
  MinutesNotDrafted: 'MINUTES.NOT_DRAFTED',
  StaleMinutes: 'MINUTES.STALE_VERSION',
  AlreadyApproved: 'MINUTES.ALREADY_APPROVED',
} as const satisfies Record<string, ErrorCodeOf<409>>;
export type ExchangeRejectionCode = (typeof ExchangeRejection)[keyof typeof ExchangeRejection];

/** What tells when an exchange's agenda freezes. */
interface AgendaTimes {
  startsAt: Date;
  agendaFrozenAt: Date | null;
  followUp: { agendaFreeze: string };
}

/** When the agenda freezes: `agendaFreeze` before the start. */
export function agendaFreezesAt(exchange: AgendaTimes): Date {
  return new Date(exchange.startsAt.getTime() - millisOf(exchange.followUp.agendaFreeze));
}

/** Whether the agenda can no longer change for the time: frozen by the workflow, or past its freeze. */
export function agendaFrozen(exchange: AgendaTimes, now = Date.now()): boolean {
  return exchange.agendaFrozenAt !== null || agendaFreezesAt(exchange).getTime() <= now;
}
