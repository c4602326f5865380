import { Inject, Injectable } from '@nestjs/common';
import { AuditService, actorOf, Principal } from '@liaison/access';
import { Page, WebhookUrlPolicy } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { EventSubscriptionStatus } from '@liaison/domain';
import {
  AuditDetails,
  EventDeliveriesRepository,
  EventSubscriptionEntity,
  EventSubscriptionsRepository,
  Transactions,
  UnitOfWork,
} from '@liaison/persistence';
import { DeliveryWakeups } from '../delivery/delivery-wakeups';
import {
  CreateEventSubscriptionDto,
  EventSubscriptionCreatedResponse,
  EventSubscriptionResponse,
  EventSubscriptionSecretResponse,
  UpdateEventSubscriptionDto,
} from './event-subscription.dto';
import { SubscriptionScope, toSubscriptionResponse } from './subscription-scope';

/** Why a subscription is disabled when its owners disable it (the delivery side writes its own reason). */
const DISABLED_BY_OWNERS = 'disabled by its owners';

/** An organisation's event subscriptions: made, read, changed, deleted, their secret rotated (docs/event-subscriptions.md). */
@Injectable()
export class EventSubscriptionsService {
  constructor(
    private readonly scope: SubscriptionScope,
    private readonly subscriptions: EventSubscriptionsRepository,
    private readonly deliveries: EventDeliveriesRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly urls: WebhookUrlPolicy,
    private readonly wakeups: DeliveryWakeups,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async create(code: string, dto: CreateEventSubscriptionDto, principal: Principal): Promise<EventSubscriptionCreatedResponse> {
    const organization = await this.scope.organization(code, principal);
    await this.urls.vet(dto.url, 'url');
    return this.transactions.run(async (uow) => {
      const { subscription, secret } = await this.subscriptions.create(
        { organizationId: organization.id, url: dto.url, events: dto.events, description: dto.description || null },
        uow,
      );
      await this.record(principal, 'event-subscription.create', subscription, uow, { toState: 'active', details: { events: dto.events } });
      return { ...toSubscriptionResponse(subscription, organization.code), secret };
    });
  }

  async list(code: string, page: { limit: number; cursor?: string }, principal: Principal): Promise<Page<EventSubscriptionResponse>> {
    const organization = await this.scope.organization(code, principal);
    const { rows, nextCursor } = await this.subscriptions.pageOfOrganization(organization.id, page);
    return { items: rows.map((s) => toSubscriptionResponse(s, organization.code)), nextCursor };
  }

  async get(code: string, id: string, principal: Principal): Promise<EventSubscriptionResponse> {
    const organization = await this.scope.organization(code, principal);
    return toSubscriptionResponse(await this.scope.subscription(organization, id), organization.code);
  }

  /** Changes it; `status: active` on a disabled one re-enables it and makes its pending deliveries due now. */
  async update(code: string, id: string, dto: UpdateEventSubscriptionDto, principal: Principal): Promise<EventSubscriptionResponse> {
    const organization = await this.scope.organization(code, principal);
    if (dto.url !== undefined) await this.urls.vet(dto.url, 'url');
    const { subscription, lanes } = await this.transactions.run(async (uow) => {
      const subscription = await this.scope.subscription(organization, id, uow);
      const before = subscription.status;
      if (dto.url !== undefined) subscription.url = dto.url;
      if (dto.events !== undefined) subscription.events = dto.events;
      if (dto.description !== undefined) subscription.description = dto.description || null;
      if (dto.status !== undefined && dto.status !== before) this.setStatus(subscription, dto.status);
      const saved = await this.subscriptions.save(subscription, uow);
      const reenabled = before === 'disabled' && saved.status === 'active';
      const lanes = reenabled ? await this.deliveries.duePendingNow(saved.id, uow) : [];
      await this.record(principal, 'event-subscription.update', saved, uow, {
        fromState: before,
        toState: saved.status,
        details: { fields: Object.keys(dto).filter((k) => dto[k as keyof UpdateEventSubscriptionDto] !== undefined) },
      });
      return { subscription: saved, lanes };
    });
    await this.wakeups.wake(lanes.map((lane) => ({ subscriptionId: subscription.id, lane })));
    return toSubscriptionResponse(subscription, organization.code);
  }

  async remove(code: string, id: string, principal: Principal): Promise<void> {
    const organization = await this.scope.organization(code, principal);
    await this.transactions.run(async (uow) => {
      const subscription = await this.scope.subscription(organization, id, uow);
      await this.subscriptions.remove(subscription.id, uow);
      await this.record(principal, 'event-subscription.delete', subscription, uow, { fromState: subscription.status, toState: 'deleted' });
    });
  }

  /** A new signing secret, shown once; the previous one signs beside it for WEBHOOK_SECRET_GRACE. */
  async rotateSecret(code: string, id: string, principal: Principal): Promise<EventSubscriptionSecretResponse> {
    const organization = await this.scope.organization(code, principal);
    return this.transactions.run(async (uow) => {
      const subscription = await this.scope.subscription(organization, id, uow);
      const rotated = await this.subscriptions.rotateSecret(subscription.id, this.config.webhooks.secretGraceMs, uow);
      const previousValidUntil = rotated.previousValidUntil.toISOString();
      await this.record(principal, 'event-subscription.rotate-secret', subscription, uow, { details: { previousValidUntil } });
      return { secret: rotated.secret, previousValidUntil };
    });
  }

  private setStatus(subscription: EventSubscriptionEntity, status: EventSubscriptionStatus): void {
    subscription.status = status;
    if (status === 'active') {
      subscription.failingSince = null;
      subscription.disabledAt = null;
      subscription.disabledReason = null;
    } else {
      subscription.disabledAt = new Date();
      subscription.disabledReason = DISABLED_BY_OWNERS;
    }
  }

  private record(
    principal: Principal,
    action: string,
    subscription: EventSubscriptionEntity,
    uow: UnitOfWork,
    more: { fromState?: string; toState?: string; details?: AuditDetails } = {},
  ): Promise<void> {
    return this.audit.record(
      { actor: actorOf(principal), action, entityType: 'event-subscription', entityId: subscription.id, ...more },
      uow,
    );
  }
}
