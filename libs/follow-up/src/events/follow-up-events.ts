import { Injectable } from '@nestjs/common';
import { isoInZone } from '@liaison/common';
import { ExchangeEvents } from '@liaison/exchanges';
import {
  ActionItemEntity,
  AgendaItemEntity,
  AgendaRepository,
  MinutesRepository,
  OrganizationsRepository,
  UnitOfWork,
} from '@liaison/persistence';
import { agendaFreezesAt, agendaFrozen, type EventType } from '@liaison/domain';
import { toActionItem } from '../action-items/action-item.mapper';
import type { AgendaResponse } from '../agenda/agenda.dto';
import { OrganizationCodes, toAgendaItem } from '../agenda/agenda.mapper';
import { requestSidesOf } from '../agenda/support-request-sides';
import { minutesView } from '../minutes/minutes.mapper';

/**
 * The events of an exchange's agenda, minutes and action items (docs/events.md), on the exchange's
 * lane, each its resource as the API shows it, written in the change's unit of work.
 */
@Injectable()
export class FollowUpEvents {
  constructor(
    private readonly events: ExchangeEvents,
    private readonly agenda: AgendaRepository,
    private readonly minutes: MinutesRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  /**
   * `agenda.item-proposed` or `agenda.item-accepted`: the item as the API shows it. One about a
   * support request is heard by the request's two sides only, as only they are shown it.
   */
  async agendaItem(uow: UnitOfWork, type: 'agenda.item-proposed' | 'agenda.item-accepted', item: AgendaItemEntity): Promise<void> {
    const codes = new OrganizationCodes(await this.organizations.list());
    const sides = await requestSidesOf(this.agenda, [item.supportRequestId], uow);
    const request = item.supportRequestId ? sides.get(item.supportRequestId) : undefined;
    const only = request ? [request.requestingOrganizationId, request.providingOrganizationId] : undefined;
    await this.events.about(uow, type, item.exchangeId, (_, relations) => toAgendaItem(item, codes, relations, sides), only);
  }

  /**
   * `agenda.frozen`: the agenda as frozen, as every organisation of the exchange is shown it; items
   * about a support request, which only its two sides see, are left out.
   */
  async agendaFrozen(uow: UnitOfWork, exchangeId: string): Promise<void> {
    const codes = new OrganizationCodes(await this.organizations.list());
    const items = (await this.agenda.itemsOf(exchangeId, uow)).filter((item) => item.supportRequestId === null);
    await this.events.about(uow, 'agenda.frozen', exchangeId, (exchange, relations): AgendaResponse => ({
      exchangeId,
      frozen: agendaFrozen(exchange),
      freezesAt: isoInZone(agendaFreezesAt(exchange), exchange.timezone),
      items: items.map((item) => toAgendaItem(item, codes, relations)),
    }));
  }

  /** `minutes.drafted` or `minutes.approved`: the minutes as the API shows them. */
  async minutesChanged(uow: UnitOfWork, type: 'minutes.drafted' | 'minutes.approved', exchangeId: string): Promise<void> {
    await this.events.about(uow, type, exchangeId, (exchange, relations) => minutesView(this.minutes, exchange, relations, uow));
  }

  /** An action item's event: the item as the API shows it, in the exchange's zone. */
  async actionItem(uow: UnitOfWork, type: Extract<EventType, `action-item.${string}`>, item: ActionItemEntity): Promise<void> {
    await this.events.about(uow, type, item.exchangeId, (exchange) => toActionItem(item, exchange.timezone));
  }
}
