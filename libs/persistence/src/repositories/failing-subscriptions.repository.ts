import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ArrayContains, DataSource, IsNull } from 'typeorm';
import { PersonEntity } from '../entities';
import { updateReturning } from '../postgres';

/** A subscription the delivery side has just disabled. */
export interface DisabledSubscription {
  id: string;
  organizationId: string;
  url: string;
  failingSince: Date;
}

/**
 * The delivery side's view of subscriptions (table `event_subscriptions`): the failing clock, the
 * disabling, and who is told (libs/events/src/delivery).
 */
@Injectable()
export class FailingSubscriptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A delivery succeeded: the subscription is no longer failing. */
  async recordSuccess(subscriptionId: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE event_subscriptions SET failing_since = NULL, updated_at = now() WHERE id = $1 AND failing_since IS NOT NULL`,
      [subscriptionId],
    );
  }

  /**
   * A delivery failed: the subscription is failing since now, unless it already was. Once it has
   * been failing for `disableAfterMs`, it is disabled with `reason`; returned only by the call that
   * disabled it (so its coordinators are told once).
   */
  async recordFailure(subscriptionId: string, disableAfterMs: number, reason: string): Promise<DisabledSubscription | null> {
    await this.dataSource.query(
      `UPDATE event_subscriptions SET failing_since = now(), updated_at = now() WHERE id = $1 AND failing_since IS NULL`,
      [subscriptionId],
    );
    const [disabled] = await updateReturning<DisabledSubscription>(
      this.dataSource,
      `UPDATE event_subscriptions
          SET status = 'disabled', disabled_at = now(), disabled_reason = $3, updated_at = now()
        WHERE id = $1 AND status = 'active' AND failing_since <= now() - $2 * interval '1 millisecond'
        RETURNING id, organization_id AS "organizationId", url, failing_since AS "failingSince"`,
      [subscriptionId, disableAfterMs, reason],
    );
    return disabled ?? null;
  }

  /** The active coordinators of an organisation, with it (for their language): who hears that a subscription was disabled. */
  coordinatorsToTell(organizationId: string): Promise<PersonEntity[]> {
    return this.dataSource.getRepository(PersonEntity).find({
      where: { organizationId, deactivatedAt: IsNull(), roles: ArrayContains(['coordinator']) },
      relations: { organization: true },
      order: { id: 'ASC' },
    });
  }
}
