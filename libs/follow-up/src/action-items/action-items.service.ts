import { Inject, Injectable, Logger } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { actorOf, AuditService, coordinatesAny, IdempotencyScope, Principal } from '@liaison/access';
import { DomainError, Page } from '@liaison/common';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { ExchangeQueryService } from '@liaison/exchanges';
import { ActionItemsRepository, ExchangeEntity, Transactions } from '@liaison/persistence';
import { FollowUpEvents } from '../events/follow-up-events';
import { FollowUpReferences } from '../references';
import { ActionItemSignals } from './action-item-signals';
import { ActionItemResponse, CreateActionItemDto, ListActionItemsQuery, UpdateActionItemDto } from './action-items.dto';
import { toActionItem } from './action-item.mapper';

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
    private readonly transactions: Transactions,
    private readonly items: ActionItemsRepository,
    private readonly exchanges: ExchangeQueryService,
    private readonly signals: ActionItemSignals,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly references: FollowUpReferences,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyScope,
    private readonly events: FollowUpEvents,
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
    const made = earlier ? await this.items.find(exchangeId, earlier) : null;
    const item =
      made ??
      (await this.transactions.run(async (uow) => {
        const saved = await this.items.create(
          {
            exchangeId,
            title: dto.title,
            ownerId: dto.ownerId,
            dueAt: new Date(dto.dueAt),
            createdBy: principal.kind === 'person' ? principal.person.id : null,
          },
          uow,
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
          uow,
        );
        await this.idempotency.recordCreated(uow, ACTION_ITEM, saved.id);
        await this.events.actionItem(uow, 'action-item.created', saved);
        return saved;
      }));
    if (!made) await faultPause(this.config.faultPauseAt, 'api.after-create-commit', (m) => this.logger.warn(m));
    await this.followUp(exchangeId, item.id);
    return this.one(exchangeId, item.id, exchange.timezone);
  }

  async list(exchangeId: string, principal: Principal, page: { limit: number; cursor?: string }): Promise<Page<ActionItemResponse>> {
    const { exchange } = await this.exchanges.findVisible(exchangeId, principal);
    const { rows, nextCursor } = await this.items.pageOf(exchangeId, page);
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
    const revised = await this.transactions.run(async (uow) => {
      const item = await this.items.lock(itemId, uow, exchangeId);
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
      await this.items.save(item, uow);
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
        uow,
      );
      const done = from !== 'done' && item.status === 'done';
      await this.events.actionItem(
        uow,
        done ? 'action-item.done' : 'action-item.updated',
        (await this.items.find(exchangeId, item.id, uow))!,
      );
      return newRevision;
    });
    if (revised) await this.followUp(exchangeId, itemId);
    return this.one(exchangeId, itemId, exchange.timezone);
  }

  /** Action items of every exchange the caller may see; `owner=me` for one's own. */
  async listAll(principal: Principal, query: ListActionItemsQuery): Promise<Page<ActionItemResponse>> {
    const { rows, nextCursor } = await this.items.pageVisible(
      this.exchanges.viewerOf(principal),
      { ownerId: query.owner ? ownerFilter(query.owner, principal) : undefined, status: query.status },
      { limit: query.limit, cursor: query.cursor },
    );
    const zones = await this.items.exchangeTimezones(rows.map((a) => a.exchangeId));
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
    const item = await this.items.find(exchangeId, itemId);
    if (!item) throw DomainError.notFound('ACTION_ITEM.NOT_FOUND', `action item ${itemId} not found on exchange ${exchangeId}`);
    return toActionItem(item, timezone);
  }
}

/** The person `owner=` names: an id, or `me` for the calling person. */
function ownerFilter(owner: string, principal: Principal): string {
  const id = owner === 'me' ? (principal.kind === 'person' ? principal.person.id : null) : owner;
  if (!id || !isUUID(id)) {
    throw DomainError.unprocessable('ACTION_ITEM.BAD_OWNER', 'owner: must be a person id, or `me` for a person', [
      { field: 'owner', problems: ['must be a person id, or `me` for a person'] },
    ]);
  }
  return id;
}

function requireNotCancelled(exchange: ExchangeEntity): void {
  if (exchange.status === 'cancelled') {
    throw DomainError.conflict('EXCHANGE.NOT_OPEN', 'action items are for exchanges that take place; the exchange is cancelled');
  }
}
