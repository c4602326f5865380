import { Injectable } from '@nestjs/common';
import { coordinatesAny, coordinatesFor, isAdmin, Principal, seesDeliveryErrorsOf } from '@liaison/access';
import { DomainError, Page } from '@liaison/common';
import type { ErrorCodeOf, ExchangeStatus } from '@liaison/domain';
import { ExchangeEntity, ExchangeRelations, ExchangesRepository, ExchangeViewer, RemindersRepository } from '@liaison/persistence';
import { ListExchangesQuery } from './dto/list-exchanges.query';
import { ExchangeAccess, exchangeAccessOf } from './exchange-actions';
import { toExchangeResponse, toReminderResponse } from './exchange.mapper';
import { ExchangeResponse, ReminderResponse } from './exchange.response';

/** An exchange with its relations and the caller's part in it. */
export interface ActionableExchange {
  exchange: ExchangeEntity;
  relations: ExchangeRelations;
  access: ExchangeAccess;
}

/** Reads exchanges from Postgres (never from workflow queries), as the caller may see them. */
@Injectable()
export class ExchangeQueryService {
  constructor(
    private readonly exchanges: ExchangesRepository,
    private readonly reminderRows: RemindersRepository,
  ) {}

  async get(id: string, principal: Principal): Promise<ExchangeResponse> {
    const { exchange, relations } = await this.findVisible(id, principal);
    return this.view(exchange, relations, principal);
  }

  /** An exchange already read (by the change that made it, say) as the caller sees it through the API. */
  view(exchange: ExchangeEntity, relations: ExchangeRelations, principal: Principal): ExchangeResponse {
    return toExchangeResponse(exchange, relations, exchangeAccessOf(principal, exchange, relations), viewerIdOf(principal));
  }

  /** The exchange with its relations, or a 404 when it does not exist or the caller may not see it. */
  async findVisible(id: string, principal: Principal): Promise<{ exchange: ExchangeEntity; relations: ExchangeRelations }> {
    const exchange = await this.exchanges.findVisible(id, this.viewerOf(principal));
    if (!exchange) throw DomainError.notFound('EXCHANGE.NOT_FOUND', `exchange ${id} not found`);
    const relations = (await this.exchanges.relationsOf([exchange.id])).get(exchange.id)!;
    return { exchange, relations };
  }

  async status(id: string): Promise<ExchangeStatus | 'gone'> {
    return (await this.exchanges.statusOf(id)) ?? 'gone';
  }

  /** Visible exchanges by start time; `seriesId` narrows them to one series' occurrences. */
  async list(
    principal: Principal,
    query: Partial<ListExchangesQuery> & { limit: number; seriesId?: string },
  ): Promise<Page<ExchangeResponse>> {
    const { rows, nextCursor } = await this.exchanges.page(query, this.viewerOf(principal), { limit: query.limit, cursor: query.cursor });
    const relations = await this.exchanges.relationsOf(rows.map((e) => e.id));
    return {
      items: rows.map((e) =>
        toExchangeResponse(e, relations.get(e.id)!, exchangeAccessOf(principal, e, relations.get(e.id)!), viewerIdOf(principal)),
      ),
      nextCursor,
    };
  }

  /**
   * The visible exchanges that may still ask something of someone (ExchangesRepository.actionable:
   * at most `limit` open ones and `limit` held ones with minutes), each with what the caller may do
   * to it (exchangeAccessOf, the rule of the `actions` field).
   */
  async actionable(principal: Principal, limit: number): Promise<ActionableExchange[]> {
    const rows = await this.exchanges.actionable(this.viewerOf(principal), limit);
    const relations = await this.exchanges.relationsOf(rows.map((e) => e.id));
    return rows.map((exchange) => {
      const rel = relations.get(exchange.id)!;
      return { exchange, relations: rel, access: exchangeAccessOf(principal, exchange, rel) };
    });
  }

  /**
   * The exchange, when `organization` takes part in it (else 409) and the caller coordinates for it
   * (else 403, with `denied.code`, saying the caller may not `denied.verb` for it).
   */
  async findActingFor(
    id: string,
    principal: Principal,
    organization: string,
    denied: { code: ErrorCodeOf<403>; verb: string },
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
    const { rows, nextCursor } = await this.reminderRows.pageOfExchange(id, page);
    // Another organisation's people's delivery errors are theirs: a coordinator sees those of their own.
    return { items: rows.map((r) => toReminderResponse(r, seesDeliveryErrorsOf(principal, r.person!.organizationId))), nextCursor };
  }

  /** Admins see everything; a person sees what they take part in or coordinate for. */
  viewerOf(principal: Principal): ExchangeViewer {
    if (isAdmin(principal) || principal.kind !== 'person') return null;
    return {
      personId: principal.person.id,
      organizationId: principal.person.organizationId,
      coordinator: principal.person.roles.includes('coordinator'),
    };
  }
}

/** The calling person's id; null for the admin token. */
const viewerIdOf = (principal: Principal): string | null => (principal.kind === 'person' ? principal.person.id : null);
