import { Injectable } from '@nestjs/common';
import { actorOf, AuditService, coordinatesFor, Principal } from '@liaison/access';
import { DomainError, isoInZone } from '@liaison/common';
import { ExchangeQueryService } from '@liaison/exchanges';
import {
  AgendaItemEntity,
  AgendaRepository,
  ExchangeEntity,
  ExchangesRepository,
  OrganizationsRepository,
  Transactions,
  UnitOfWork,
} from '@liaison/persistence';
import { agendaFreezesAt, agendaFrozen } from '@liaison/domain';
import { FollowUpEvents } from '../events/follow-up-events';
import { FollowUpReferences, requireAgendaOpen } from '../references';
import { AcceptAgendaItemDto, AgendaItemResponse, AgendaResponse, CreateAgendaItemDto, UpdateAgendaItemDto } from './agenda.dto';
import { acceptance, OrganizationCodes, toAgendaItem, toFollowUpItem } from './agenda.mapper';
import { entryShownTo, RequestSides, requestSidesOf } from './support-request-sides';

/**
 * An exchange's agenda. Items are written here under the exchange's row lock, so that none slips
 * in after the freeze (which the workflow records under the same lock). A change after the freeze
 * instant is a 409 even if the worker has not recorded it yet.
 */
@Injectable()
export class AgendaService {
  constructor(
    private readonly transactions: Transactions,
    private readonly agenda: AgendaRepository,
    private readonly exchangeRows: ExchangesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly exchanges: ExchangeQueryService,
    private readonly references: FollowUpReferences,
    private readonly audit: AuditService,
    private readonly events: FollowUpEvents,
  ) {}

  async get(exchangeId: string, principal: Principal): Promise<AgendaResponse> {
    const { exchange, relations } = await this.exchanges.findVisible(exchangeId, principal);
    const codes = await this.organizationCodes();
    const items = await this.agenda.itemsOf(exchangeId);
    const frozen = agendaFrozen(exchange);
    const followUps = frozen ? [] : await this.agenda.followUpEntries(exchangeId);
    // Entries about a support request only for its two sides (and admins), however they came onto the agenda.
    const sides = await requestSidesOf(this.agenda, [...items.map((i) => i.supportRequestId), ...followUps.map((f) => f.supportRequestId)]);
    const entries = items
      .filter((item) => entryShownTo(principal, item.supportRequestId, sides))
      .map((item) => toAgendaItem(item, codes, relations, sides));
    const last = items.at(-1)?.position ?? 0;
    for (const f of followUps) {
      if (entryShownTo(principal, f.supportRequestId, sides)) entries.push(toFollowUpItem(f, exchangeId, last));
    }
    return { exchangeId, frozen, freezesAt: isoInZone(agendaFreezesAt(exchange), exchange.timezone), items: entries };
  }

  async add(exchangeId: string, dto: CreateAgendaItemDto, principal: Principal): Promise<AgendaItemResponse> {
    const { relations } = await this.exchanges.findCoordinated(exchangeId, principal);
    const organizations = relations.organizations.map((o) => o.code);
    const proposing = dto.proposingOrganization ?? (principal.kind === 'person' ? principal.organizationCode : undefined);
    if (!proposing) {
      throw DomainError.unprocessable('AGENDA.PROPOSER_REQUIRED', 'proposingOrganization: required when the admin token proposes', [
        { field: 'proposingOrganization', problems: ['required when the admin token proposes'] },
      ]);
    }
    if (!organizations.includes(proposing)) {
      throw DomainError.unprocessable(
        'AGENDA.PROPOSER_NOT_PARTICIPATING',
        `proposingOrganization: ${proposing} does not take part in this exchange`,
        [{ field: 'proposingOrganization', problems: [`${proposing} does not take part in this exchange`] }],
      );
    }
    if (!coordinatesFor(principal, proposing)) {
      throw DomainError.forbidden('AGENDA.NOT_COORDINATOR', `only a coordinator of ${proposing} may propose for it`);
    }
    await this.references.requireArea(dto.area);
    const ownerId = dto.ownerId ?? (principal.kind === 'person' ? principal.person.id : undefined);
    if (!ownerId) {
      throw DomainError.unprocessable('AGENDA.OWNER_REQUIRED', 'ownerId: required when the admin token proposes', [
        { field: 'ownerId', problems: ['required when the admin token proposes'] },
      ]);
    }
    await this.references.requirePersonIn(ownerId, organizations, 'ownerId');
    const codes = await this.organizationCodes();
    return this.transactions.run(async (uow) => {
      requireAgendaOpen(await this.exchangeRows.lockForUpdate(exchangeId, uow));
      const item = await this.agenda.append(
        {
          exchangeId,
          title: dto.title,
          areaCode: dto.area,
          proposingOrganizationId: codes.idOf(proposing),
          ownerId,
          acceptedBy: [proposing],
          createdBy: principal.kind === 'person' ? principal.person.id : null,
        },
        uow,
      );
      const response = toAgendaItem(item, codes, relations);
      await this.record(uow, principal, 'agenda-item.add', item, null, acceptance(response), { exchangeId, title: item.title });
      await this.events.agendaItem(uow, 'agenda.item-proposed', item);
      return response;
    });
  }

  /** Title, area, owner: by the proposing side; the other organisations must accept it again. */
  async update(exchangeId: string, itemId: string, dto: UpdateAgendaItemDto, principal: Principal): Promise<AgendaItemResponse> {
    const { relations } = await this.exchanges.findCoordinated(exchangeId, principal);
    const organizations = relations.organizations.map((o) => o.code);
    if (dto.area !== undefined) await this.references.requireArea(dto.area);
    if (dto.ownerId !== undefined) await this.references.requirePersonIn(dto.ownerId, organizations, 'ownerId');
    const codes = await this.organizationCodes();
    return this.transactions.run(async (uow) => {
      const exchange = await this.exchangeRows.lockForUpdate(exchangeId, uow);
      const { item, sides } = await this.item(uow, exchangeId, itemId, principal);
      const proposing = codes.codeOf(item.proposingOrganizationId);
      if (!coordinatesFor(principal, proposing)) {
        throw DomainError.forbidden('AGENDA.NOT_PROPOSER', `only a coordinator of ${proposing}, which proposed the item, may change it`);
      }
      requireAgendaOpen(exchange);
      const before = acceptance(toAgendaItem(item, codes, relations, sides));
      const changed = {
        ...(dto.title !== undefined ? { title: dto.title } : {}),
        ...(dto.area !== undefined ? { areaCode: dto.area } : {}),
        ...(dto.ownerId !== undefined ? { ownerId: dto.ownerId } : {}),
      };
      Object.assign(item, changed, { acceptedBy: [proposing] });
      await this.agenda.save(item, uow);
      const response = toAgendaItem(item, codes, relations, sides);
      await this.record(uow, principal, 'agenda-item.update', item, before, acceptance(response), {
        exchangeId,
        changed: Object.keys(changed),
      });
      return response;
    });
  }

  async accept(exchangeId: string, itemId: string, dto: AcceptAgendaItemDto, principal: Principal): Promise<AgendaItemResponse> {
    const { relations } = await this.exchanges.findVisible(exchangeId, principal);
    if (!relations.organizations.some((o) => o.code === dto.organization)) {
      throw DomainError.unprocessable(
        'AGENDA.ORGANIZATION_NOT_PARTICIPATING',
        `organization: ${dto.organization} does not take part in this exchange`,
        [{ field: 'organization', problems: [`${dto.organization} does not take part in this exchange`] }],
      );
    }
    if (!coordinatesFor(principal, dto.organization)) {
      throw DomainError.forbidden('AGENDA.NOT_COORDINATOR', `only a coordinator of ${dto.organization} may accept for it`);
    }
    const codes = await this.organizationCodes();
    return this.transactions.run(async (uow) => {
      const exchange = await this.exchangeRows.lockForUpdate(exchangeId, uow);
      const { item, sides } = await this.item(uow, exchangeId, itemId, principal);
      if (item.acceptedBy.includes(dto.organization)) {
        throw DomainError.conflict(
          'AGENDA.ALREADY_ACCEPTED',
          `${dto.organization} has already accepted this item; the exchange is ${exchange.status}`,
        );
      }
      requireAgendaOpen(exchange);
      const before = acceptance(toAgendaItem(item, codes, relations, sides));
      item.acceptedBy = [...item.acceptedBy, dto.organization];
      await this.agenda.save(item, uow);
      const response = toAgendaItem(item, codes, relations, sides);
      await this.record(uow, principal, 'agenda-item.accept', item, before, acceptance(response), {
        exchangeId,
        organization: dto.organization,
      });
      await this.events.agendaItem(uow, 'agenda.item-accepted', item);
      return response;
    });
  }

  async remove(exchangeId: string, itemId: string, principal: Principal): Promise<void> {
    const { relations } = await this.exchanges.findCoordinated(exchangeId, principal);
    const codes = await this.organizationCodes();
    await this.transactions.run(async (uow) => {
      const exchange = await this.exchangeRows.lockForUpdate(exchangeId, uow);
      const { item, sides } = await this.item(uow, exchangeId, itemId, principal);
      const proposing = codes.codeOf(item.proposingOrganizationId);
      if (!coordinatesFor(principal, proposing)) {
        throw DomainError.forbidden('AGENDA.NOT_PROPOSER', `only a coordinator of ${proposing}, which proposed the item, may remove it`);
      }
      requireAgendaOpen(exchange);
      await this.agenda.remove(item.id, uow);
      const before = acceptance(toAgendaItem(item, codes, relations, sides));
      await this.record(uow, principal, 'agenda-item.remove', item, before, 'removed', { exchangeId, title: item.title });
    });
  }

  /**
   * Puts an open item on the next occurrence of the series (the first later one that is still
   * open, its agenda not frozen); the item itself becomes `carried`. Allowed after the freeze and
   * the meeting: that is when one knows what is left over.
   */
  async carryForward(exchangeId: string, itemId: string, principal: Principal): Promise<AgendaItemResponse> {
    const { exchange } = await this.exchanges.findCoordinated(exchangeId, principal);
    if (!exchange.seriesId) {
      throw DomainError.conflict(
        'AGENDA.NOT_IN_SERIES',
        `the exchange is not an occurrence of a series; the exchange is ${exchange.status}`,
      );
    }
    const next = await this.agenda.nextOpenOccurrence(exchange.seriesId, exchange.startsAt);
    if (!next) throw DomainError.conflict('AGENDA.NO_NEXT_OCCURRENCE', 'the series has no later open occurrence to carry the item to');
    const codes = await this.organizationCodes();
    return this.transactions.run(async (uow) => {
      // Both rows locked, in id order, so that two carries cannot deadlock.
      const locked = new Map<string, ExchangeEntity>();
      for (const id of [exchangeId, next.id].sort()) locked.set(id, await this.exchangeRows.lockForUpdate(id, uow));
      const target = locked.get(next.id)!;
      const { item, sides } = await this.item(uow, exchangeId, itemId, principal);
      if (item.state !== 'open') throw DomainError.conflict('AGENDA.ALREADY_CARRIED', 'the item has already been carried forward');
      requireAgendaOpen(target);
      const copy = await this.agenda.append(
        {
          exchangeId: next.id,
          title: item.title,
          areaCode: item.areaCode,
          proposingOrganizationId: item.proposingOrganizationId,
          ownerId: item.ownerId,
          acceptedBy: item.acceptedBy,
          carriedFromId: item.id,
          actionItemId: item.actionItemId,
          supportRequestId: item.supportRequestId,
          createdBy: principal.kind === 'person' ? principal.person.id : null,
        },
        uow,
      );
      await this.agenda.markCarried(item.id, uow);
      await this.events.agendaItem(uow, 'agenda.item-proposed', copy);
      await this.record(uow, principal, 'agenda-item.carry-forward', item, 'open', 'carried', {
        exchangeId,
        to: next.id,
        copy: copy.id,
      });
      const nextRelations = (await this.exchanges.findVisible(next.id, principal)).relations;
      return toAgendaItem(copy, codes, nextRelations, sides);
    });
  }

  /** The item, with the sides of the support request it is about; a 404 for an item the caller may not be shown (entryShownTo). */
  private async item(
    uow: UnitOfWork,
    exchangeId: string,
    itemId: string,
    principal: Principal,
  ): Promise<{ item: AgendaItemEntity; sides: RequestSides }> {
    const item = await this.agenda.find(exchangeId, itemId, uow);
    const sides = await requestSidesOf(this.agenda, [item?.supportRequestId ?? null], uow);
    if (!item || !entryShownTo(principal, item.supportRequestId, sides)) {
      throw DomainError.notFound('AGENDA.ITEM_NOT_FOUND', `agenda item ${itemId} not found on exchange ${exchangeId}`);
    }
    return { item, sides };
  }

  private async organizationCodes(): Promise<OrganizationCodes> {
    return new OrganizationCodes(await this.organizations.list());
  }

  private record(
    uow: UnitOfWork,
    principal: Principal,
    action: string,
    item: AgendaItemEntity,
    fromState: string | null,
    toState: string,
    details: Record<string, string | string[]>,
  ): Promise<void> {
    return this.audit.record(
      { actor: actorOf(principal), action, entityType: 'agenda-item', entityId: item.id, fromState, toState, details },
      uow,
    );
  }
}
