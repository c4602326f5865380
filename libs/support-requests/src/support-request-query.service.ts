import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isAdmin, Principal } from '@liaison/access';
import { DomainError, Page } from '@liaison/common';
import { keysetPage, OrganizationEntity, SupportRequestDeadlineEntity, SupportRequestEntity, SupportRequestEventEntity } from '@liaison/persistence';
import { FINAL_SUPPORT_STATUSES } from '@liaison/domain';
import { DataSource, In, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ListSupportRequestsQuery } from './dto/list-support-requests.query';
import { SupportRequestRelations, SupportRequestResponse, toSupportRequestResponse } from './support-request.mapper';

/**
 * Reads support requests from Postgres as the caller may see them: admins every one; people of the
 * requesting and providing organisations an UNMARKED one; a RESTRICTED one only the people named on
 * it (submitter, assignee, recommender, decider), the two organisations' coordinators, and the
 * providing organisation's senior level, who decide it. Anyone else gets a 404.
 */
@Injectable()
export class SupportRequestQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string, principal: Principal): Promise<SupportRequestResponse> {
    const { request, relations } = await this.findVisible(id, principal);
    const deadlines = await this.deadlines([id]);
    const timeline = await this.dataSource
      .getRepository(SupportRequestEventEntity)
      .find({ where: { supportRequestId: id }, order: { at: 'ASC', id: 'ASC' } });
    return toSupportRequestResponse(request, relations, deadlines.get(id) ?? [], timeline);
  }

  async findVisible(id: string, principal: Principal): Promise<{ request: SupportRequestEntity; relations: SupportRequestRelations }> {
    const qb = this.dataSource.getRepository(SupportRequestEntity).createQueryBuilder('sr').where('sr.id = :id', { id });
    this.restrictToVisible(qb, principal);
    const request = await qb.getOne();
    if (!request) throw DomainError.notFound('SUPPORT.NOT_FOUND', `support request ${id} not found`);
    return { request, relations: (await this.relations([request]))(request) };
  }

  async list(principal: Principal, query: ListSupportRequestsQuery): Promise<Page<SupportRequestResponse>> {
    const qb = this.dataSource.getRepository(SupportRequestEntity).createQueryBuilder('sr');
    this.restrictToVisible(qb, principal);
    if (query.status) qb.andWhere('sr.status = :status', { status: query.status });
    if (query.priority) qb.andWhere('sr.priority = :priority', { priority: query.priority });
    if (query.area) qb.andWhere('sr.area_code = :area', { area: query.area });
    if (query.a4pArea) qb.andWhere('sr.a4p_area_code = :a4pArea', { a4pArea: query.a4pArea });
    if (query.organization) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM organizations fo WHERE fo.code = :organization
                  AND fo.id IN (sr.requesting_organization_id, sr.providing_organization_id))`,
        { organization: query.organization },
      );
    }
    if (query.overdue !== undefined) {
      qb.andWhere(
        `${query.overdue ? '' : 'NOT '}(sr.status <> ALL(:final) AND EXISTS (SELECT 1 FROM support_request_deadlines od
           WHERE od.support_request_id = sr.id AND od.met_at IS NULL AND od.paused_at IS NULL AND od.due_at < now()))`,
        { final: FINAL_SUPPORT_STATUSES },
      );
    }
    const { rows, nextCursor } = await keysetPage(qb, {
      column: 'sr.created_at',
      value: (r) => r.createdAt,
      idColumn: 'sr.id',
      direction: 'DESC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const relationsOf = await this.relations(rows);
    const deadlines = await this.deadlines(rows.map((r) => r.id));
    return { items: rows.map((r) => toSupportRequestResponse(r, relationsOf(r), deadlines.get(r.id) ?? [])), nextCursor };
  }

  /** `sr` is the request's alias. */
  restrictToVisible<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, principal: Principal): void {
    if (isAdmin(principal) || principal.kind !== 'person') return;
    const { person } = principal;
    qb.andWhere(
      `(:viewerOrg IN (sr.requesting_organization_id, sr.providing_organization_id) AND (
          sr.marking = 'UNMARKED'
          OR :coordinator
          OR :viewer IN (sr.submitted_by, sr.assignee_id, sr.recommended_by, sr.decided_by)
          OR (:senior AND sr.providing_organization_id = :viewerOrg)))`,
      {
        viewer: person.id,
        viewerOrg: person.organizationId,
        coordinator: person.roles.includes('coordinator'),
        senior: person.level === 'senior',
      },
    );
  }

  private async relations(requests: SupportRequestEntity[]): Promise<(r: SupportRequestEntity) => SupportRequestRelations> {
    const ids = [...new Set(requests.flatMap((r) => [r.requestingOrganizationId, r.providingOrganizationId]))];
    const organizations = ids.length ? await this.dataSource.getRepository(OrganizationEntity).findBy({ id: In(ids) }) : [];
    const byId = new Map(organizations.map((o) => [o.id, o]));
    return (r) => ({
      requestingCode: byId.get(r.requestingOrganizationId)!.code,
      providingCode: byId.get(r.providingOrganizationId)!.code,
      zone: byId.get(r.providingOrganizationId)!.timezone,
    });
  }

  private async deadlines(ids: string[]): Promise<Map<string, SupportRequestDeadlineEntity[]>> {
    const rows = ids.length
      ? await this.dataSource
          .getRepository(SupportRequestDeadlineEntity)
          .find({ where: { supportRequestId: In(ids) }, order: { dueAt: 'ASC' } })
      : [];
    const result = new Map<string, SupportRequestDeadlineEntity[]>();
    for (const row of rows) result.set(row.supportRequestId, [...(result.get(row.supportRequestId) ?? []), row]);
    return result;
  }
}
