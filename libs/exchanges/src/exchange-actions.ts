import { coordinatesAny, coordinatesFor, Principal } from '@liaison/access';
import { agendaFrozen, exchangeStepAllowed, ExchangeStep, OPEN_EXCHANGE_STATUSES } from '@liaison/domain';
import type { ExchangeEntity, ExchangeRelations } from '@liaison/persistence';

/** What a caller may do to an exchange, as its answer lists them. */
export const EXCHANGE_ACTIONS = [
  'confirm',
  'reschedule',
  'cancel',
  'propose-agenda-item',
  'draft-minutes',
  'approve-minutes',
  'add-action-item',
  'view-reminders',
  'answer-attendance',
] as const;
export type ExchangeAction = (typeof EXCHANGE_ACTIONS)[number];

/** The caller's part in an exchange: what they may do now, and for which of its organisations. */
export interface ExchangeAccess {
  actions: ExchangeAction[];
  /** The exchange's organisations the caller acts for (coordinates; every one for an admin). */
  actingFor: string[];
  /** Those of them that have not confirmed yet, while confirming is open. */
  confirmableFor: string[];
}

/**
 * The actions open to the caller: the rules the API applies to each (a coordinator of a taking-part
 * organisation; admins always) and the state the exchange is in (the workflow's transition table,
 * the agenda's freeze). The web app shows these as buttons and holds no rule of its own; the API
 * still decides each request, so a race (someone cancelled meanwhile) ends in the usual 409.
 */
export function exchangeAccessOf(principal: Principal, exchange: ExchangeEntity, relations: ExchangeRelations): ExchangeAccess {
  const actingFor = relations.organizations.map((o) => o.code).filter((code) => coordinatesFor(principal, code));
  const coordinator = coordinatesAny(
    principal,
    relations.organizations.map((o) => o.code),
  );
  const allows = (step: ExchangeStep) => exchangeStepAllowed(step, exchange.status);
  const confirmableFor = allows('confirm')
    ? relations.organizations.filter((o) => !o.confirmedAt && actingFor.includes(o.code)).map((o) => o.code)
    : [];
  const open: Record<ExchangeAction, boolean> = {
    confirm: confirmableFor.length > 0,
    reschedule: coordinator && allows('reschedule'),
    cancel: coordinator && allows('cancel'),
    'propose-agenda-item': coordinator && OPEN_EXCHANGE_STATUSES.includes(exchange.status) && !agendaFrozen(exchange),
    'draft-minutes': coordinator && allows('draftMinutes'),
    'approve-minutes': actingFor.length > 0 && allows('approveMinutes'),
    'add-action-item': coordinator && exchange.status !== 'cancelled',
    'view-reminders': coordinator,
    'answer-attendance': answersAttendance(principal, exchange, relations),
  };
  return { actions: EXCHANGE_ACTIONS.filter((action) => open[action]), actingFor, confirmableFor };
}

/**
 * A participant answers for themself while the exchange is open (AttendanceService's rule): not the
 * admin token, not a coordinator for their people, and not once they have handed their place on.
 */
function answersAttendance(principal: Principal, exchange: ExchangeEntity, relations: ExchangeRelations): boolean {
  if (principal.kind !== 'person' || !OPEN_EXCHANGE_STATUSES.includes(exchange.status)) return false;
  const own = relations.participants.find((p) => p.id === principal.person.id);
  return own !== undefined && own.attendance !== 'delegated';
}
