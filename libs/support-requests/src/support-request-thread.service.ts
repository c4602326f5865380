import { Injectable } from '@nestjs/common';
import { actorOf, AuditService, coordinatesFor, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { ExchangeQueryService } from '@liaison/exchanges';
import { FollowUpEvents, requireAgendaOpen } from '@liaison/follow-up';
import { AgendaRepository, ExchangesRepository, SupportRequestsRepository, Transactions } from '@liaison/persistence';
import { SupportRequestQueryService } from './support-request-query.service';
import { raiseRefusal } from './support-step-access';
import { supportAgendaTitle } from './support-request-title';
import { TimelineEntry, toTimelineEntry } from './support-request.mapper';

/** The thread between the two sides, and putting a request on an exchange's agenda. */
@Injectable()
export class SupportRequestThreadService {
  constructor(
    private readonly transactions: Transactions,
    private readonly requests: SupportRequestsRepository,
    private readonly exchangeRows: ExchangesRepository,
    private readonly agenda: AgendaRepository,
    private readonly query: SupportRequestQueryService,
    private readonly exchanges: ExchangeQueryService,
    private readonly audit: AuditService,
    private readonly events: FollowUpEvents,
  ) {}

  /** A message from anyone who can see the request (people of either organisation on it, admins). */
  async post(id: string, body: string, principal: Principal): Promise<TimelineEntry> {
    const { request, relations } = await this.query.findVisible(id, principal);
    const actor = actorOf(principal);
    const event = await this.requests.addEvent({
      supportRequestId: id,
      kind: 'message',
      actorType: actor.type,
      actorId: actor.id,
      fromStatus: request.status,
      toStatus: request.status,
      body,
      details: null,
    });
    return toTimelineEntry(event, relations.zone);
  }

  /**
   * Puts the request on the agenda of an upcoming exchange in which both organisations take part,
   * and no other (a 409 SUPPORT.THIRD_ORGANIZATION otherwise), proposed by the caller's organisation (the requesting one for an admin) and awaiting the other's
   * acceptance like any item. A RESTRICTED request shows as its marking, not its title.
   */
  async raise(id: string, exchangeId: string, principal: Principal): Promise<TimelineEntry> {
    const { request, relations } = await this.query.findVisible(id, principal);
    const refusal = raiseRefusal(principal, request, relations);
    if (refusal) throw refusal;
    const sides = [relations.requestingCode, relations.providingCode];
    const { relations: exchange } = await this.exchanges.findVisible(exchangeId, principal).catch((error: unknown) => {
      if (!(error instanceof DomainError && error.kind === 'not_found')) throw error;
      throw DomainError.unprocessable('SUPPORT.UNKNOWN_EXCHANGE', `exchangeId: no exchange ${exchangeId} that you can see`, [
        { field: 'exchangeId', problems: [`no exchange ${exchangeId} that you can see`] },
      ]);
    });
    const missing = sides.filter((code) => !exchange.organizations.some((o) => o.code === code));
    if (missing.length > 0) {
      throw DomainError.unprocessable(
        'SUPPORT.EXCHANGE_NOT_SHARED',
        `exchangeId: ${missing.join(', ')} does not take part in that exchange`,
        [{ field: 'exchangeId', problems: [`${missing.join(', ')} does not take part in that exchange`] }],
      );
    }
    // A request is shown only to its two sides (onSideOf): never onto an agenda that a third organisation reads.
    const third = exchange.organizations.map((o) => o.code).filter((code) => !sides.includes(code));
    if (third.length > 0) {
      throw DomainError.conflict(
        'SUPPORT.THIRD_ORGANIZATION',
        `cannot raise onto exchange ${exchangeId}: ${third.join(', ')} take${third.length === 1 ? 's' : ''} part in it too, ` +
          `and a support request is shown only to its requesting and providing organisations (${sides.join(', ')})`,
      );
    }
    const proposing =
      coordinatesFor(principal, relations.providingCode) && principal.kind === 'person'
        ? relations.providingCode
        : relations.requestingCode;
    const proposingId = proposing === relations.providingCode ? request.providingOrganizationId : request.requestingOrganizationId;
    const ownerId = principal.kind === 'person' ? principal.person.id : (request.assigneeId ?? request.submittedBy);
    if (!ownerId) throw DomainError.conflict('SUPPORT.NO_OWNER', 'the request has nobody to own the agenda item; raise it as a person');
    const actor = actorOf(principal);
    return this.transactions.run(async (uow) => {
      requireAgendaOpen(await this.exchangeRows.lockForUpdate(exchangeId, uow));
      if (await this.requests.isOnAgendaOf(id, exchangeId, uow)) {
        throw DomainError.conflict('SUPPORT.ALREADY_RAISED', `the request is already on the agenda of exchange ${exchangeId}`);
      }
      const item = await this.agenda.append(
        {
          exchangeId,
          title: supportAgendaTitle(request),
          areaCode: request.areaCode,
          proposingOrganizationId: proposingId,
          ownerId,
          acceptedBy: [proposing],
          supportRequestId: id,
          createdBy: actor.id,
        },
        uow,
      );
      const event = await this.requests.addEvent(
        {
          supportRequestId: id,
          kind: 'raise',
          actorType: actor.type,
          actorId: actor.id,
          fromStatus: request.status,
          toStatus: request.status,
          body: null,
          details: { exchangeId, agendaItemId: item.id },
        },
        uow,
      );
      await this.audit.record(
        {
          actor,
          action: 'support-request.raise',
          entityType: 'support-request',
          entityId: id,
          fromState: request.status,
          toState: request.status,
          details: { exchangeId, agendaItemId: item.id },
        },
        uow,
      );
      await this.events.agendaItem(uow, 'agenda.item-proposed', item);
      return toTimelineEntry(event, relations.zone);
    });
  }
}
