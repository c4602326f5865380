import { Injectable } from '@nestjs/common';
import { coordinatesFor, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import {
  EventDeliveryEntity,
  EventSubscriptionEntity,
  EventSubscriptionsRepository,
  OrganizationEntity,
  OrganizationsRepository,
  UnitOfWork,
} from '@liaison/persistence';
import { EventDeliveryResponse, EventSubscriptionResponse } from './event-subscription.dto';

/**
 * Who may manage an organisation's event subscriptions (admins and its coordinators, docs/ACCESS.md),
 * and the subscription a path names: the organisation first (404), then the caller (403), then
 * the subscription, which must be that organisation's (404).
 */
@Injectable()
export class SubscriptionScope {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly subscriptions: EventSubscriptionsRepository,
  ) {}

  async organization(code: string, principal: Principal): Promise<OrganizationEntity> {
    const [organization] = await this.organizations.byCodes([code]);
    if (!organization) throw DomainError.notFound('ORGANIZATION.NOT_FOUND', `organization ${code} not found`);
    if (!coordinatesFor(principal, organization.code)) {
      throw DomainError.forbidden(
        'ORGANIZATION.NOT_COORDINATOR',
        `only admins and coordinators of ${code} may manage its event subscriptions`,
      );
    }
    return organization;
  }

  /** The subscription `id` of the organisation; locked for the rest of the transaction when `uow` is given. */
  async subscription(organization: OrganizationEntity, id: string, uow?: UnitOfWork): Promise<EventSubscriptionEntity> {
    const subscription = await this.subscriptions.ofOrganization(organization.id, id, uow);
    if (!subscription) {
      throw DomainError.notFound('EVENT_SUBSCRIPTION.NOT_FOUND', `event subscription ${id} of ${organization.code} not found`);
    }
    return subscription;
  }
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toSubscriptionResponse(s: EventSubscriptionEntity, organizationCode: string): EventSubscriptionResponse {
  return {
    id: s.id,
    organization: organizationCode,
    url: s.url,
    events: s.events,
    description: s.description,
    status: s.status,
    failingSince: iso(s.failingSince),
    disabledAt: iso(s.disabledAt),
    disabledReason: s.disabledReason,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

export function toDeliveryResponse(d: EventDeliveryEntity): EventDeliveryResponse {
  return {
    id: d.id,
    eventId: d.eventId,
    type: d.event?.type ?? '',
    status: d.status,
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    durationMs: d.durationMs,
    nextAttemptAt: d.nextAttemptAt.toISOString(),
    lastAttemptAt: iso(d.lastAttemptAt),
    deliveredAt: iso(d.deliveredAt),
    createdAt: d.createdAt.toISOString(),
  };
}
