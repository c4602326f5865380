import { onSideOf, Principal, SupportRequestSides } from '@liaison/access';
import { SupportRequestEntity } from '@liaison/persistence';
import { EntityManager, In } from 'typeorm';

/** The two organisations of each support request an agenda's entries come from, by request id. */
export type RequestSides = Map<string, SupportRequestSides>;

export async function requestSidesOf(manager: EntityManager, requestIds: Array<string | null>): Promise<RequestSides> {
  const ids = [...new Set(requestIds.filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const rows = await manager.find(SupportRequestEntity, {
    select: { id: true, requestingOrganizationId: true, providingOrganizationId: true },
    where: { id: In(ids) },
  });
  return new Map(
    rows.map((r) => [r.id, { requestingOrganizationId: r.requestingOrganizationId, providingOrganizationId: r.providingOrganizationId }]),
  );
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
