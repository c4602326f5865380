import { Injectable } from '@nestjs/common';
import { AuditService, actorOf, Principal } from '@liaison/access';
import { DomainError, Page } from '@liaison/common';
import { laneKey, PING_EVENT } from '@liaison/domain';
import { EventDeliveriesRepository, EventOutboxRepository, Transactions } from '@liaison/persistence';
import { DeliveryWakeups } from '../delivery/delivery-wakeups';
import { EventDeliveryResponse, PingResponse, RedeliveryResponse } from './event-subscription.dto';
import { SubscriptionScope, toDeliveryResponse } from './subscription-scope';

/** A subscription's delivery log, redelivery of one of its deliveries, and a ping (docs/event-subscriptions.md). */
@Injectable()
export class SubscriptionDeliveriesService {
  constructor(
    private readonly scope: SubscriptionScope,
    private readonly deliveries: EventDeliveriesRepository,
    private readonly outbox: EventOutboxRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly wakeups: DeliveryWakeups,
  ) {}

  /** The subscription's deliveries, newest first. */
  async list(
    code: string,
    id: string,
    page: { limit: number; cursor?: string },
    principal: Principal,
  ): Promise<Page<EventDeliveryResponse>> {
    const subscription = await this.scope.subscription(await this.scope.organization(code, principal), id);
    const { rows, nextCursor } = await this.deliveries.pageOfSubscription(subscription.id, page);
    return { items: rows.map(toDeliveryResponse), nextCursor };
  }

  /** Makes the delivery due again now, its attempts kept, and wakes its lane once that is committed. */
  async redeliver(code: string, id: string, deliveryId: string, principal: Principal): Promise<RedeliveryResponse> {
    const organization = await this.scope.organization(code, principal);
    const lane = await this.transactions.run(async (uow) => {
      const subscription = await this.scope.subscription(organization, id, uow);
      const lane = await this.deliveries.redeliver(subscription.id, deliveryId, uow);
      if (lane === undefined) {
        throw DomainError.notFound('EVENT_SUBSCRIPTION.DELIVERY_NOT_FOUND', `delivery ${deliveryId} of event subscription ${id} not found`);
      }
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'event-subscription.redeliver',
          entityType: 'event-subscription',
          entityId: subscription.id,
          details: { deliveryId },
        },
        uow,
      );
      return lane;
    });
    await this.wakeups.wake([{ subscriptionId: id, lane }]);
    return { id: deliveryId, status: 'pending' };
  }

  /** A `ping` event for this subscription alone, written to the outbox like any event. */
  async ping(code: string, id: string, principal: Principal): Promise<PingResponse> {
    const organization = await this.scope.organization(code, principal);
    return this.transactions.run(async (uow) => {
      const subscription = await this.scope.subscription(organization, id, uow);
      if (subscription.status !== 'active') {
        throw DomainError.conflict('EVENT_SUBSCRIPTION.DISABLED', `event subscription ${id} is disabled: re-enable it before pinging it`);
      }
      const eventId = await this.outbox.append(
        {
          type: PING_EVENT,
          lane: laneKey({ kind: 'subscription', id: subscription.id }),
          organizationIds: [organization.id],
          subscriptionId: subscription.id,
          data: { subscriptionId: subscription.id },
        },
        uow,
      );
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'event-subscription.ping',
          entityType: 'event-subscription',
          entityId: subscription.id,
          details: { eventId },
        },
        uow,
      );
      return { eventId };
    });
  }
}
