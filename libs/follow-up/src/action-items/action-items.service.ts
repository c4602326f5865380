import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actorOf, AuditService, coordinatesAny, IdempotencyScope, Principal } from '@liaison/access';
import { DomainError, isoInZone, isoOrNull, Page } from '@liaison/common';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { ExchangeQueryService } from '@liaison/exchanges';
import { ActionItemEntity, ExchangeEntity, keysetPage } from '@liaison/persistence';
import { DataSource } from 'typeorm';
import { FollowUpReferences } from '../references';
import { ActionItemSignals } from './action-item-signals';
import { ActionItemResponse, CreateActionItemDto, ListActionItemsQuery, UpdateActionItemDto } from './action-items.dto';

/** The audit trail's entity type, and the kind of resource an idempotency key notes. */
const ACTION_ITEM = 'action-item';

/**
 * Action items: stored here, followed up by the exchange's workflow, which each change tells to
 * plan again (and starts again, from Postgres, if it had finished).
 */
@Injectable()
export class ActionItemsService {
  private readonly logger = new Logger(ActionItemsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly exchanges: ExchangeQueryService,
    private readonly signals: ActionItemSignals,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly references: FollowUpReferences,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyScope,
  ) {}

  async create(exchangeId: string, dto: CreateActionItemDto, principal: Principal): Promise<ActionItemResponse> {
    const { exchange, relations } = await this.exchanges.findCoordinated(exchangeId, principal);
    requireNotCancelled(exchange);
    await this.references.requirePersonIn(
      dto.ownerId,
      relations.organizations.map((o) => o.code),
      'ownerId',
    );
    // A retry, with the same Idempotency-Key, of a create that committed its item and then got a 503:
    // the same item, its follow-up scheduled this time.
    const earlier = this.idempotency.earlier(ACTION_ITEM);
    const made = earlier ? await this.dataSource.getRepository(ActionItemEntity).findOneBy({ id: earlier, exchangeId }) : null;
    const item =
      made ??
      (await this.dataSource.transaction(async (manager) => {
        const saved = await manager.save(
          manager.create(ActionItemEntity, {
            exchangeId,
            title: dto.title,
            ownerId: dto.ownerId,
            dueAt: new Date(dto.dueAt),
            status: 'open',
            revision: 1,
            createdBy: principal.kind === 'person' ? principal.person.id : null,
          }),
        );
        await this.audit.record(
          {
            actor: actorOf(principal),
            action: 'action-item.create',
            entityType: ACTION_ITEM,
            entityId: saved.id,
            fromState: null,
            toState: 'open',
            details: { exchangeId, ownerId: dto.ownerId, dueAt: saved.dueAt.toISOString() },
          },
          manager,
        );
        await this.idempotency.recordCreated(manager, ACTION_ITEM, saved.id);
        return saved;
      }));
    if (!made) await faultPause(this.config.faultPauseAt, 'api.after-create-commit', (m) => this.logger.warn(m));
    await this.followUp(exchangeId, item.id);
    return this.one(exchangeId, item.id, exchange.timezone);
  }

  async list(exchangeId: string, principal: Principal, page: { limit: number; cursor?: string }): Promise<Page<ActionItemResponse>> {
    const { exchange } = await this.exchanges.findVisible(exchangeId, principal);
    const qb = this.dataSource.getRepository(ActionItemEntity).createQueryBuilder('a').where('a.exchange_id = :exchangeId', { exchangeId });
    const { rows, nextCursor } = await keysetPage(qb, {
      column: 'a.due_at',
      value: (a) => a.dueAt,
      idColumn: 'a.id',
      direction: 'ASC',
      limit: page.limit,
      cursor: page.cursor,
    });
    return { items: rows.map((a) => toActionItem(a, exchange.timezone)), nextCursor };
  }

  async get(exchangeId: string, itemId: string, principal: Principal): Promise<ActionItemResponse> {
    const { exchange } = await this.exchanges.findVisible(exchangeId, principal);
    return this.one(exchangeId, itemId, exchange.timezone);
  }

  /**
   * Coordinators of the exchange's organisations change anything; the owner may change its status.
   * A new owner, due time or status is a new revision: its follow-up starts again, and reminders
   * of the old one are never sent.
   */
  async update(exchangeId: string, itemId: string, dto: UpdateActionItemDto, principal: Principal): Promise<ActionItemResponse> {
    const { exchange, relations } = await this.exchanges.findVisible(exchangeId, principal);
    const organizations = relations.organizations.map((o) => o.code);
    const coordinator = coordinatesAny(principal, organizations);
    requireNotCancelled(exchange);
    if (dto.ownerId !== undefined) await this.references.requirePersonIn(dto.ownerId, organizations, 'ownerId');
    const revised = await this.dataSource.transaction(async (manager) => {
      const item = await manager.findOne(ActionItemEntity, { where: { id: itemId, exchangeId }, lock: { mode: 'pessimistic_write' } });
      if (!item) throw DomainError.notFound('ACTION_ITEM.NOT_FOUND', `action item ${itemId} not found on exchange ${exchangeId}`);
      const owner = principal.kind === 'person' && principal.person.id === item.ownerId;
      const onlyStatus = dto.title === undefined && dto.ownerId === undefined && dto.dueAt === undefined;
      if (!coordinator && !(owner && onlyStatus)) {
        throw DomainError.forbidden(
          'ACTION_ITEM.NOT_ALLOWED',
          'only coordinators of a participating organisation may change an action item; its owner may change its status',
        );
      }
      const dueAt = dto.dueAt !== undefined ? new Date(dto.dueAt) : item.dueAt;
      const changed = [
        ...(dto.title !== undefined && dto.title !== item.title ? ['title'] : []),
        ...(dto.ownerId !== undefined && dto.ownerId !== item.ownerId ? ['ownerId'] : []),
        ...(dueAt.getTime() !== item.dueAt.getTime() ? ['dueAt'] : []),
        ...(dto.status !== undefined && dto.status !== item.status ? ['status'] : []),
      ];
      if (changed.length === 0) return false;
      const from = item.status;
      const newRevision = changed.some((field) => field !== 'title');
      Object.assign(item, {
        title: dto.title ?? item.title,
        ownerId: dto.ownerId ?? item.ownerId,
        dueAt,
        status: dto.status ?? item.status,
        ...(newRevision
          ? {
              revision: item.revision + 1,
              revisedAt: new Date(),
              remindedAt: null,
              overdueAt: null,
              escalatedAt: null,
              // Untold until the workflow has been told of the new revision (the relay tells it if this process dies first).
              workflowSignalledAt: null,
            }
          : {}),
      });
      await manager.save(item);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'action-item.update',
          entityType: 'action-item',
          entityId: item.id,
          fromState: from,
          toState: item.status,
          details: { exchangeId, changed, revision: item.revision, dueAt: item.dueAt.toISOString(), ownerId: item.ownerId },
        },
        manager,
      );
      return newRevision;
    });
    if (revised) await this.followUp(exchangeId, itemId);
    return this.one(exchangeId, itemId, exchange.timezone);
  }

  /** Action items of every exchange the caller may see; `owner=me` for one's own. */
  async listAll(principal: Principal, query: ListActionItemsQuery): Promise<Page<ActionItemResponse>> {
    const qb = this.dataSource.getRepository(ActionItemEntity).createQueryBuilder('a');
    const visible = this.dataSource.getRepository(ExchangeEntity).createQueryBuilder('e').select('e.id');
    this.exchanges.restrictToVisible(visible, principal);
    qb.where(`a.exchange_id IN (${visible.getQuery()})`).setParameters(visible.getParameters());
    if (query.owner) {
      const owner = query.owner === 'me' ? (principal.kind === 'person' ? principal.person.id : null) : query.owner;
      if (!owner || !/^[0-9a-f-]{36}$/i.test(owner)) {
        throw DomainError.invalid('ACTION_ITEM.BAD_OWNER', 'owner: must be a person id, or `me` for a person', [
          { field: 'owner', problems: ['must be a person id, or `me` for a person'] },
        ]);
      }
      qb.andWhere('a.owner_id = :owner', { owner });
    }
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    const { rows, nextCursor } = await keysetPage(qb, {
      column: 'a.due_at',
      value: (a) => a.dueAt,
      idColumn: 'a.id',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    const zones = await this.timezones(rows.map((a) => a.exchangeId));
    return { items: rows.map((a) => toActionItem(a, zones.get(a.exchangeId))), nextCursor };
  }

  private async followUp(exchangeId: string, actionItemId: string): Promise<void> {
    try {
      await this.signals.tell(exchangeId);
    } catch (error) {
      this.logger.error({ exchangeId, actionItemId, err: error }, 'could not tell the exchange workflow about an action item');
      throw DomainError.unavailable(
        'TEMPORAL.UNAVAILABLE',
        `action item ${actionItemId} is saved, but its follow-up could not be scheduled; once the workflow service is back, send the same request again with the same Idempotency-Key (or change the item)`,
      );
    }
  }

  private async one(exchangeId: string, itemId: string, timezone: string): Promise<ActionItemResponse> {
    const item = await this.dataSource.getRepository(ActionItemEntity).findOneBy({ id: itemId, exchangeId });
    if (!item) throw DomainError.notFound('ACTION_ITEM.NOT_FOUND', `action item ${itemId} not found on exchange ${exchangeId}`);
    return toActionItem(item, timezone);
  }

  private async timezones(exchangeIds: string[]): Promise<Map<string, string>> {
    if (exchangeIds.length === 0) return new Map();
    const rows: Array<{ id: string; timezone: string }> = await this.dataSource.query(
      `SELECT id, timezone FROM exchanges WHERE id = ANY($1)`,
      [[...new Set(exchangeIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.timezone]));
  }
}

function requireNotCancelled(exchange: ExchangeEntity): void {
  if (exchange.status === 'cancelled') {
    throw DomainError.conflict('EXCHANGE.NOT_OPEN', 'action items are for exchanges that take place; the exchange is cancelled');
  }
}

function toActionItem(a: ActionItemEntity, timezone = 'UTC'): ActionItemResponse {
  return {
    id: a.id,
    exchangeId: a.exchangeId,
    title: a.title,
    ownerId: a.ownerId,
    dueAt: isoInZone(a.dueAt, timezone),
    status: a.status,
    revision: a.revision,
    remindedAt: isoOrNull(a.remindedAt, timezone),
    overdueAt: isoOrNull(a.overdueAt, timezone),
    escalatedAt: isoOrNull(a.escalatedAt, timezone),
    createdAt: isoInZone(a.createdAt, timezone),
    updatedAt: isoInZone(a.updatedAt, timezone),
  };
}
