import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { coordinatesAny, coordinatesFor, isAdmin, Principal, seesDeliveryErrorsOf } from '@liaison/access';
import { DomainError, Page } from '@liaison/common';
import { ExchangeEntity, keysetPage, ReminderEntity } from '@liaison/persistence';
import { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { ListExchangesQuery } from './dto/list-exchanges.query';
import { ExchangeRelations, ExchangeResponse, ReminderResponse, toExchangeResponse, toReminderResponse } from './exchange.mapper';

/** Reads exchanges from Postgres (never from workflow queries), as the caller may see them. */
@Injectable()
export class ExchangeQueryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async get(id: string, principal: Principal): Promise<ExchangeResponse> {
    const { exchange, relations } = await this.findVisible(id, principal);
    return toExchangeResponse(exchange, relations);
  }

  /** The exchange with its relations, or a 404 when it does not exist or the caller may not see it. */
  async findVisible(id: string, principal: Principal): Promise<{ exchange: ExchangeEntity; relations: ExchangeRelations }> {
    const qb = this.dataSource.getRepository(ExchangeEntity).createQueryBuilder('e').where('e.id = :id', { id });
    this.restrictToVisible(qb, principal);
    const exchange = await qb.getOne();
    if (!exchange) throw DomainError.notFound('EXCHANGE.NOT_FOUND', `exchange ${id} not found`);
    const relations = (await this.relations([exchange.id])).get(exchange.id)!;
    return { exchange, relations };
  }

  async status(id: string): Promise<string> {
    const exchange = await this.dataSource.getRepository(ExchangeEntity).findOne({ where: { id }, select: { id: true, status: true } });
    return exchange?.status ?? 'gone';
  }

  /** Visible exchanges by start time; `seriesId` narrows them to one series' occurrences. */
  async list(
    principal: Principal,
    query: Partial<ListExchangesQuery> & { limit: number; seriesId?: string },
  ): Promise<Page<ExchangeResponse>> {
    const qb = this.dataSource.getRepository(ExchangeEntity).createQueryBuilder('e');
    if (query.seriesId) qb.andWhere('e.series_id = :seriesId', { seriesId: query.seriesId });
    this.restrictToVisible(qb, principal);
    if (query.from) qb.andWhere('e.starts_at >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('e.starts_at < :to', { to: new Date(query.to) });
    if (query.level) qb.andWhere('e.level = :level', { level: query.level });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.area) qb.andWhere(':area = ANY(e.areas)', { area: query.area });
    if (query.organization) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM exchange_organizations feo JOIN organizations fo ON fo.id = feo.organization_id
                  WHERE feo.exchange_id = e.id AND fo.code = :organization)`,
        { organization: query.organization },
      );
    }
    const { rows, nextCursor } = await keysetPage(qb, {
      column: 'e.starts_at',
      value: (e) => e.startsAt,
      idColumn: 'e.id',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const relations = await this.relations(rows.map((e) => e.id));
    return { items: rows.map((e) => toExchangeResponse(e, relations.get(e.id)!)), nextCursor };
  }

  /**
   * The exchange, when `organization` takes part in it (else 409) and the caller coordinates for it
   * (else 403, with `denied.code`, saying the caller may not `denied.verb` for it).
   */
  async findActingFor(
    id: string,
    principal: Principal,
    organization: string,
    denied: { code: string; verb: string },
  ): Promise<{ exchange: ExchangeEntity; relations: ExchangeRelations }> {
    const found = await this.findVisible(id, principal);
    if (!found.relations.organizations.some((o) => o.code === organization)) {
      throw DomainError.conflict(
        'EXCHANGE.ORGANIZATION_NOT_PARTICIPATING',
        `${organization} does not take part in this exchange; the exchange is ${found.exchange.status}`,
      );
    }
    if (!coordinatesFor(principal, organization)) {
      throw DomainError.forbidden(denied.code, `only a coordinator of ${organization} may ${denied.verb} for it`);
    }
    return found;
  }

  /** The exchange, when the caller coordinates for one of its organisations (or is an admin); else 403. */
  async findCoordinated(id: string, principal: Principal): Promise<{ exchange: ExchangeEntity; relations: ExchangeRelations }> {
    const found = await this.findVisible(id, principal);
    if (
      !coordinatesAny(
        principal,
        found.relations.organizations.map((o) => o.code),
      )
    ) {
      throw DomainError.forbidden('EXCHANGE.NOT_COORDINATOR', 'only admins and coordinators of a participating organisation may do this');
    }
    return found;
  }

  async reminders(id: string, principal: Principal, page: { limit: number; cursor?: string }): Promise<Page<ReminderResponse>> {
    await this.findCoordinated(id, principal);
    const qb = this.dataSource
      .getRepository(ReminderEntity)
      .createQueryBuilder('r')
      .innerJoin('r.person', 'p')
      .addSelect(['p.id', 'p.organizationId'])
      .where('r.exchange_id = :id', { id });
    const { rows, nextCursor } = await keysetPage(qb, {
      column: 'r.due_at',
      value: (r) => r.dueAt,
      idColumn: 'r.id',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
    // Another organisation's people's delivery errors are theirs: a coordinator sees those of their own.
    return { items: rows.map((r) => toReminderResponse(r, seesDeliveryErrorsOf(principal, r.person!.organizationId))), nextCursor };
  }

  /** Admins see everything; a person sees what they take part in or coordinate for. `e` is the exchange's alias. */
  restrictToVisible<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, principal: Principal): void {
    if (isAdmin(principal) || principal.kind !== 'person') return;
    const coordinator = principal.person.roles.includes('coordinator');
    qb.andWhere(
      `(EXISTS (SELECT 1 FROM exchange_participants vp WHERE vp.exchange_id = e.id AND vp.person_id = :viewer)
        OR (:coordinator AND EXISTS (SELECT 1 FROM exchange_organizations veo WHERE veo.exchange_id = e.id AND veo.organization_id = :viewerOrg)))`,
      {
        viewer: principal.person.id,
        coordinator,
        viewerOrg: principal.person.organizationId,
      },
    );
  }

  private async relations(ids: string[]): Promise<Map<string, ExchangeRelations>> {
    const result = new Map<string, ExchangeRelations>();
    if (ids.length === 0) return result;
    const orgs: Array<{
      exchange_id: string;
      code: string;
      confirmed_at: Date | null;
      reminded_at: Date | null;
      escalated_at: Date | null;
      host: boolean;
    }> = await this.dataSource.query(
      `SELECT eo.exchange_id, o.code, eo.confirmed_at, eo.reminded_at, eo.escalated_at, (o.id = e.host_organization_id) AS host
         FROM exchange_organizations eo
         JOIN organizations o ON o.id = eo.organization_id
         JOIN exchanges e ON e.id = eo.exchange_id
        WHERE eo.exchange_id = ANY($1) ORDER BY o.code`,
      [ids],
    );
    const people: Array<{ exchange_id: string; person_id: string }> = await this.dataSource.query(
      `SELECT exchange_id, person_id FROM exchange_participants WHERE exchange_id = ANY($1) ORDER BY person_id`,
      [ids],
    );
    for (const id of ids) result.set(id, { hostCode: '', organizations: [], participantIds: [] });
    for (const row of orgs) {
      const rel = result.get(row.exchange_id)!;
      rel.organizations.push({ code: row.code, confirmedAt: row.confirmed_at, remindedAt: row.reminded_at, escalatedAt: row.escalated_at });
      if (row.host) rel.hostCode = row.code;
    }
    for (const row of people) result.get(row.exchange_id)!.participantIds.push(row.person_id);
    return result;
  }
}
