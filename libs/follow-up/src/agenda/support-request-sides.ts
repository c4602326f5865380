import { onSideOf, Principal, SupportRequestSides } from '@liaison/access';
import type { AgendaRepository, UnitOfWork } from '@liaison/persistence';

/** The two organisations of each support request an agenda's entries come from, by request id. */
export type RequestSides = Map<string, SupportRequestSides>;

export function requestSidesOf(agenda: AgendaRepository, requestIds: Array<string | null>, uow?: UnitOfWork): Promise<RequestSides> {
  return agenda.requestSides([...new Set(requestIds.filter((id): id is string => id !== null))], uow);
}

/**
 * Whether an agenda entry may be shown to the caller: every entry that is not about a support
 * request; one that is, only to people of the request's two sides (onSideOf). Decided as the agenda
 * is read, so that items raised or frozen onto an agenda before this rule are hidden too.
 */
export function entryShownTo(principal: Principal, supportRequestId: string | null, sides: RequestSides): boolean {
  if (supportRequestId === null) return true;
  const request = sides.get(supportRequestId);
  return request !== undefined && onSideOf(principal, request);
}
