import { Injectable } from '@nestjs/common';
import { isAdmin, Principal } from '@liaison/access';
import { DomainError, isoInZone, Page } from '@liaison/common';
import { SUPPORT_STEPS, SupportStep } from '@liaison/domain';
import { WaitingItemResponse } from '@liaison/follow-up';
import {
  OrganizationsRepository,
  SupportRequestDeadlineEntity,
  SupportRequestEntity,
  SupportRequestReader,
  SupportRequestsRepository,
} from '@liaison/persistence';
import { ListSupportRequestsQuery } from './dto/list-support-requests.query';
import { SupportRequestRelations, SupportRequestResponse, toSupportRequestResponse } from './support-request.mapper';
import { supportActionsOf } from './support-step-access';
import { supportAgendaTitle } from './support-request-title';
import { calendarOf } from './service-levels';

/**
 * Reads support requests from Postgres as the caller may see them: admins every one; people of the
 * requesting and providing organisations an UNMARKED one; a RESTRICTED one only the people named on
 * it (submitter, assignee, recommender, decider), the two organisations' coordinators, and the
 * providing organisation's senior level, who decide it. Anyone else gets a 404.
 */
@Injectable()
export class SupportRequestQueryService {
  constructor(
    private readonly requests: SupportRequestsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  async get(id: string, principal: Principal): Promise<SupportRequestResponse> {
    const { request, relations } = await this.findVisible(id, principal);
    const deadlines = await this.deadlines([id]);
    const timeline = await this.requests.timeline(id);
    return toSupportRequestResponse(request, relations, deadlines.get(id) ?? [], supportActionsOf(principal, request, relations), timeline);
  }

  async findVisible(id: string, principal: Principal): Promise<{ request: SupportRequestEntity; relations: SupportRequestRelations }> {
    const request = await this.requests.findVisible(id, readerOf(principal));
    if (!request) throw DomainError.notFound('SUPPORT.NOT_FOUND', `support request ${id} not found`);
    return { request, relations: (await this.relations([request]))(request) };
  }

  async list(principal: Principal, query: ListSupportRequestsQuery): Promise<Page<SupportRequestResponse>> {
    const { rows, nextCursor } = await this.requests.list(readerOf(principal), query);
    const relationsOf = await this.relations(rows);
    const deadlines = await this.deadlines(rows.map((r) => r.id));
    return {
      items: rows.map((r) =>
        toSupportRequestResponse(r, relationsOf(r), deadlines.get(r.id) ?? [], supportActionsOf(principal, r, relationsOf(r))),
      ),
      nextCursor,
    };
  }

  /**
   * The open requests the caller may read (at most `limit`, earliest running deadline first) with a
   * step open to them that moves the request on (their `actions` but `withdraw` and `raise`): one
   * entry each, the step furthest along when several are open, due at its earliest running deadline.
   */
  async waitingFor(principal: Principal, limit: number): Promise<WaitingItemResponse[]> {
    const rows = await this.requests.open(readerOf(principal), limit);
    const relationsOf = await this.relations(rows);
    const deadlines = await this.deadlines(rows.map((r) => r.id));
    return rows.flatMap((request) => {
      const relations = relationsOf(request);
      const steps = supportActionsOf(principal, request, relations).filter(
        (action): action is SupportStep => action !== 'withdraw' && action !== 'raise',
      );
      const step = steps.at(-1);
      if (!step) return [];
      const due = (deadlines.get(request.id) ?? []).find((d) => d.metAt === null && d.pausedAt === null);
      return [
        {
          kind: 'support-request' as const,
          title: request.marking === 'RESTRICTED' ? supportAgendaTitle(request) : request.title,
          exchangeId: null,
          supportRequestId: request.id,
          organization: SUPPORT_STEPS[step].side === 'requesting' ? relations.requestingCode : relations.providingCode,
          action: step,
          dueAt: due ? isoInZone(due.dueAt, relations.zone) : null,
        },
      ];
    });
  }

  /** The organisations of `requests` (with the providing ones' working calendars), in one query for all of them. */
  private async relations(requests: SupportRequestEntity[]): Promise<(r: SupportRequestEntity) => SupportRequestRelations> {
    const ids = [...new Set(requests.flatMap((r) => [r.requestingOrganizationId, r.providingOrganizationId]))];
    const organizations = ids.length ? await this.organizations.byIds(ids) : [];
    const byId = new Map(organizations.map((o) => [o.id, o]));
    return (r) => ({
      requestingCode: byId.get(r.requestingOrganizationId)!.code,
      providingCode: byId.get(r.providingOrganizationId)!.code,
      zone: byId.get(r.providingOrganizationId)!.timezone,
      calendar: calendarOf(byId.get(r.providingOrganizationId)!),
    });
  }

  private async deadlines(ids: string[]): Promise<Map<string, SupportRequestDeadlineEntity[]>> {
    const rows = await this.requests.deadlinesOf(ids);
    const result = new Map<string, SupportRequestDeadlineEntity[]>();
    for (const row of rows) result.set(row.supportRequestId, [...(result.get(row.supportRequestId) ?? []), row]);
    return result;
  }
}

/** Who reads, as the repository filters: nobody in particular (every request) for admins. */
function readerOf(principal: Principal): SupportRequestReader | null {
  if (isAdmin(principal) || principal.kind !== 'person') return null;
  const { person } = principal;
  return {
    personId: person.id,
    organizationId: person.organizationId,
    coordinator: person.roles.includes('coordinator'),
    senior: person.level === 'senior',
  };
}
