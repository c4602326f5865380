import type { AgendaItemEntity, ExchangeRelations, FollowUpEntry } from '@liaison/persistence';
import type { AgendaItemResponse } from './agenda.dto';
import type { RequestSides } from './support-request-sides';

/** Organisation codes by id and back: items store ids, the API speaks codes. */
export class OrganizationCodes {
  private readonly byId = new Map<string, string>();
  private readonly byCode = new Map<string, string>();
  constructor(rows: Array<{ id: string; code: string }>) {
    for (const { id, code } of rows) {
      this.byId.set(id, code);
      this.byCode.set(code, id);
    }
  }
  codeOf(id: string): string {
    return this.byId.get(id) ?? id;
  }
  idOf(code: string): string {
    return this.byCode.get(code)!;
  }
}

/** `accepted` or `awaiting`, as the audit records an item's state. */
export function acceptance(item: AgendaItemResponse): string {
  return item.state === 'carried' ? 'carried' : item.accepted ? 'accepted' : 'awaiting';
}

/**
 * An item as the API shows it. Every organisation of the exchange accepts it, except for an item
 * about a support request: only the request's two sides, the others not being shown it.
 */
export function toAgendaItem(
  item: AgendaItemEntity,
  codes: OrganizationCodes,
  relations: ExchangeRelations,
  sides: RequestSides = new Map(),
): AgendaItemResponse {
  const awaiting = awaitingAcceptance(item, codes, relations, sides);
  return {
    id: item.id,
    exchangeId: item.exchangeId,
    position: item.position,
    title: item.title,
    area: item.areaCode,
    proposingOrganization: codes.codeOf(item.proposingOrganizationId),
    ownerId: item.ownerId,
    acceptedBy: item.acceptedBy,
    awaiting,
    accepted: awaiting.length === 0,
    state: item.state,
    source: item.carriedFromId ? 'carried' : item.actionItemId ? 'action-item' : item.supportRequestId ? 'support-request' : 'proposed',
    carriedFromId: item.carriedFromId,
    actionItemId: item.actionItemId,
    supportRequestId: item.supportRequestId,
  };
}

/**
 * The organisations that have still to accept the item (its `awaiting`): every organisation of the
 * exchange that has not, or for an item about a support request only the request's two sides.
 */
export function awaitingAcceptance(
  item: Pick<AgendaItemEntity, 'supportRequestId' | 'acceptedBy'>,
  codes: OrganizationCodes,
  relations: ExchangeRelations,
  sides: RequestSides,
): string[] {
  const request = item.supportRequestId ? sides.get(item.supportRequestId) : undefined;
  const deciding = request ? [codes.codeOf(request.requestingOrganizationId), codes.codeOf(request.providingOrganizationId)] : null;
  return relations.organizations
    .map((o) => o.code)
    .filter((code) => (deciding === null || deciding.includes(code)) && !item.acceptedBy.includes(code));
}

/** A follow-up entry of an open agenda, shown after the items (`last`: the last item's position): accepted by everyone, no id yet. */
export function toFollowUpItem(entry: FollowUpEntry, exchangeId: string, last: number): AgendaItemResponse {
  return {
    id: null,
    exchangeId,
    position: last + entry.rank,
    title: entry.title,
    area: entry.areaCode,
    proposingOrganization: entry.organizationCode,
    ownerId: entry.ownerId,
    acceptedBy: entry.acceptedBy,
    awaiting: [],
    accepted: true,
    state: 'open',
    source: entry.source,
    carriedFromId: null,
    actionItemId: entry.actionItemId,
    supportRequestId: entry.supportRequestId,
  };
}
