import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EventDeliveryEntity } from '../entities';
import { keysetPage } from '../keyset';
import { updateReturning } from '../postgres';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** The delivery log (table `event_deliveries`): one row per event and subscription, with its attempts. */
@Injectable()
export class EventDeliveriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // --- The subscriptions API (libs/events/src/subscriptions) ---

  /** One page of a subscription's deliveries, newest first, each with its event's id and type (`event`). */
  pageOfSubscription(subscriptionId: string, page: { limit: number; cursor?: string }) {
    const qb = this.dataSource
      .getRepository(EventDeliveryEntity)
      .createQueryBuilder('d')
      .innerJoin('d.event', 'e')
      .addSelect(['e.id', 'e.type'])
      .where('d.subscription_id = :subscriptionId', { subscriptionId });
    return keysetPage(qb, { column: 'd.created_at', value: (d) => d.createdAt, idColumn: 'd.id', direction: 'DESC', ...page });
  }

  /**
   * Makes the subscription's delivery due again now (pending, its attempts kept); its lane, or
   * undefined when the subscription has no such delivery.
   */
  async redeliver(subscriptionId: string, deliveryId: string, uow: UnitOfWork): Promise<string | undefined> {
    const [row] = await updateReturning<{ lane: string }>(
      managerOf(this.dataSource, uow),
      `UPDATE event_deliveries SET status = 'pending', next_attempt_at = now()
        WHERE id = $1 AND subscription_id = $2 RETURNING lane`,
      [deliveryId, subscriptionId],
    );
    return row?.lane;
  }

  /** Makes every pending delivery of the subscription due now (it was re-enabled); the lanes they are on. */
  async duePendingNow(subscriptionId: string, uow: UnitOfWork): Promise<string[]> {
    const rows = await updateReturning<{ lane: string }>(
      managerOf(this.dataSource, uow),
      `UPDATE event_deliveries SET next_attempt_at = LEAST(next_attempt_at, now())
        WHERE subscription_id = $1 AND status = 'pending' RETURNING lane`,
      [subscriptionId],
    );
    return [...new Set(rows.map((row) => row.lane))];
  }
}
