import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { EventType } from '@liaison/domain';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventSubscriptionEntity, EventSubscriptionSecretEntity } from '../entities';
import { keysetPage } from '../keyset';
import { updateReturning } from '../postgres';
import { managerOf, UnitOfWork } from '../unit-of-work';

export interface NewEventSubscription {
  organizationId: string;
  url: string;
  events: EventType[];
  description: string | null;
}

/** Event subscriptions and their signing secrets (tables `event_subscriptions`, `event_subscription_secrets`). */
@Injectable()
export class EventSubscriptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // --- The subscriptions API (libs/events/src/subscriptions) ---

  /** A Standard Webhooks secret: `whsec_` and the base64 of 32 random bytes (the key is those bytes). */
  static newSecret(): string {
    return `whsec_${randomBytes(32).toString('base64')}`;
  }

  /** A new subscription and its first secret (shown once by the caller), in the caller's transaction. */
  async create(subscription: NewEventSubscription, uow: UnitOfWork): Promise<{ subscription: EventSubscriptionEntity; secret: string }> {
    const manager = managerOf(this.dataSource, uow);
    const saved = await manager.save(manager.create(EventSubscriptionEntity, { ...subscription, status: 'active' }));
    const secret = EventSubscriptionsRepository.newSecret();
    await manager.insert(EventSubscriptionSecretEntity, { subscriptionId: saved.id, secret, expiresAt: null });
    return { subscription: saved, secret };
  }

  /** One page of the organisation's subscriptions, newest first. */
  pageOfOrganization(organizationId: string, page: { limit: number; cursor?: string }) {
    const qb = this.dataSource
      .getRepository(EventSubscriptionEntity)
      .createQueryBuilder('s')
      .where('s.organization_id = :organizationId', { organizationId });
    return keysetPage(qb, { column: 's.created_at', value: (s) => s.createdAt, idColumn: 's.id', direction: 'DESC', ...page });
  }

  /** The organisation's subscription `id` (none: another organisation's, or no such one); locked when in a unit of work. */
  ofOrganization(organizationId: string, id: string, uow?: UnitOfWork): Promise<EventSubscriptionEntity | null> {
    const qb = managerOf(this.dataSource, uow)
      .createQueryBuilder(EventSubscriptionEntity, 's')
      .where('s.id = :id AND s.organization_id = :organizationId', { id, organizationId });
    if (uow) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  async save(subscription: EventSubscriptionEntity, uow: UnitOfWork): Promise<EventSubscriptionEntity> {
    return managerOf(this.dataSource, uow).save(subscription);
  }

  async remove(id: string, uow: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).delete(EventSubscriptionEntity, { id });
  }

  /**
   * A new current secret; the one it replaces signs until `previousValidUntil` (now + `graceMs`).
   * Secrets whose grace has passed are removed. The caller holds the subscription's row lock.
   */
  async rotateSecret(subscriptionId: string, graceMs: number, uow: UnitOfWork): Promise<{ secret: string; previousValidUntil: Date }> {
    const manager = managerOf(this.dataSource, uow);
    const [retired] = await updateReturning<{ expires_at: Date }>(
      manager,
      `UPDATE event_subscription_secrets SET expires_at = now() + make_interval(secs => $2::double precision / 1000)
        WHERE subscription_id = $1 AND expires_at IS NULL RETURNING expires_at`,
      [subscriptionId, graceMs],
    );
    await manager.query(`DELETE FROM event_subscription_secrets WHERE subscription_id = $1 AND expires_at <= now()`, [subscriptionId]);
    const secret = EventSubscriptionsRepository.newSecret();
    await manager.insert(EventSubscriptionSecretEntity, { subscriptionId, secret, expiresAt: null });
    return { secret, previousValidUntil: retired?.expires_at ?? new Date() };
  }
}
