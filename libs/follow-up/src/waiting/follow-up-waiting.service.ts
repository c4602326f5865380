import { Injectable } from '@nestjs/common';
import { Principal } from '@liaison/access';
import { isoInZone } from '@liaison/common';
import { agendaFreezesAt, millisOf } from '@liaison/domain';
import { ActionableExchange, ExchangeQueryService } from '@liaison/exchanges';
import {
  ActionItemsRepository,
  AgendaRepository,
  ExchangeEntity,
  ExchangesRepository,
  MinutesRepository,
  OrganizationsRepository,
} from '@liaison/persistence';
import { awaitingAcceptance, OrganizationCodes } from '../agenda/agenda.mapper';
import { entryShownTo, requestSidesOf } from '../agenda/support-request-sides';
import { minutesAwaiting } from '../minutes/minutes-awaiting';
import { WaitingItemResponse } from './waiting.dto';

/** How a RESTRICTED exchange is named where it is listed among other things: its marking, not its title. */
export function exchangeTitle(exchange: Pick<ExchangeEntity, 'id' | 'title' | 'marking'>): string {
  return exchange.marking === 'RESTRICTED' ? `Exchange ${exchange.id.slice(0, 8)} (RESTRICTED)` : exchange.title;
}

/**
 * What exchanges wait for from the caller: confirmations, agenda items to accept, minutes to
 * approve (each where the exchange's `actions` say the step is open to them), and the open action
 * items they own. At most `limit` exchanges of each kind and `limit` action items are looked at:
 * a bounded number of queries, whatever the caller sees.
 */
@Injectable()
export class FollowUpWaiting {
  constructor(
    private readonly exchanges: ExchangeQueryService,
    private readonly exchangeRows: ExchangesRepository,
    private readonly agenda: AgendaRepository,
    private readonly minutes: MinutesRepository,
    private readonly actionItems: ActionItemsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async itemsFor(principal: Principal, limit: number): Promise<WaitingItemResponse[]> {
    const actionable = await this.exchanges.actionable(principal, limit);
    return [
      ...actionable.flatMap(confirmations),
      ...(await this.agendaItems(principal, actionable)),
      ...(await this.minutesToApprove(actionable)),
      ...(await this.ownActionItems(principal, limit)),
    ];
  }

  /** Items of open agendas awaiting an organisation the caller coordinates for (who may accept for it). */
  private async agendaItems(principal: Principal, actionable: ActionableExchange[]): Promise<WaitingItemResponse[]> {
    const open = actionable.filter((a) => a.access.actions.includes('propose-agenda-item'));
    const items = await this.agenda.openItemsOf(open.map((a) => a.exchange.id));
    if (items.length === 0) return [];
    const codes = new OrganizationCodes(await this.organizations.list());
    const sides = await requestSidesOf(
      this.agenda,
      items.map((i) => i.supportRequestId),
    );
    const byId = new Map(open.map((a) => [a.exchange.id, a]));
    return items
      .filter((item) => entryShownTo(principal, item.supportRequestId, sides))
      .flatMap((item) => {
        const { exchange, relations, access } = byId.get(item.exchangeId)!;
        const mine = awaitingAcceptance(item, codes, relations, sides).filter((code) => access.actingFor.includes(code));
        return mine.map((organization) => ({
          kind: 'agenda-item' as const,
          title: exchange.marking === 'RESTRICTED' ? `Agenda item of ${exchangeTitle(exchange)}` : item.title,
          exchangeId: exchange.id,
          supportRequestId: null,
          organization,
          action: 'accept',
          dueAt: isoInZone(agendaFreezesAt(exchange), exchange.timezone),
        }));
      });
  }

  /** The current minutes version, where an organisation the caller may approve for has not. */
  private async minutesToApprove(actionable: ActionableExchange[]): Promise<WaitingItemResponse[]> {
    const approving = actionable.filter((a) => a.access.actions.includes('approve-minutes'));
    const current = await this.minutes.currentApprovalsOf(approving.map((a) => a.exchange.id));
    return approving.flatMap(({ exchange, relations, access }) => {
      const awaiting = minutesAwaiting(
        relations.organizations.map((o) => o.code),
        current.get(exchange.id)?.approvedBy ?? null,
      );
      return awaiting
        .filter((code) => access.actingFor.includes(code))
        .map((organization) => ({
          kind: 'minutes' as const,
          title: exchangeTitle(exchange),
          exchangeId: exchange.id,
          supportRequestId: null,
          organization,
          action: 'approve',
          dueAt: null,
        }));
    });
  }

  /** The caller's open action items, on exchanges they may see and not cancelled (where the owner may still update them). */
  private async ownActionItems(principal: Principal, limit: number): Promise<WaitingItemResponse[]> {
    if (principal.kind !== 'person') return [];
    const { rows } = await this.actionItems.pageVisible(
      this.exchanges.viewerOf(principal),
      { ownerId: principal.person.id, status: 'open' },
      { limit },
    );
    const exchanges = await this.exchangeRows.byIds(rows.map((a) => a.exchangeId));
    return rows.flatMap((item) => {
      const exchange = exchanges.get(item.exchangeId);
      if (!exchange || exchange.status === 'cancelled') return [];
      return [
        {
          kind: 'action-item' as const,
          title: exchange.marking === 'RESTRICTED' ? `Action item of ${exchangeTitle(exchange)}` : item.title,
          exchangeId: exchange.id,
          supportRequestId: null,
          organization: null,
          action: 'update',
          dueAt: isoInZone(item.dueAt, exchange.timezone),
        },
      ];
    });
  }
}

/** One per organisation the caller may still confirm for (`confirmableFor`), due at the confirmation deadline. */
function confirmations({ exchange, access }: ActionableExchange): WaitingItemResponse[] {
  const deadline = new Date(exchange.startsAt.getTime() - millisOf(exchange.followUp.confirmationDeadline));
  return access.confirmableFor.map((organization) => ({
    kind: 'confirmation',
    title: exchangeTitle(exchange),
    exchangeId: exchange.id,
    supportRequestId: null,
    organization,
    action: 'confirm',
    dueAt: isoInZone(deadline, exchange.timezone),
  }));
}
