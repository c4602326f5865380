import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeliveredEventType } from '@liaison/domain';
import { DataSource } from 'typeorm';
import { updateReturning } from '../postgres';

/** A lane: one subscription's deliveries of one resource's events, sent one at a time in `seq` order. */
export interface DeliveryLane {
  subscriptionId: string;
  lane: string;
}

/** A lane's head as a worker claimed it: the delivery, its event, and where and how to send it. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  lane: string;
  eventId: string;
  /** This attempt's number (1 for the first). */
  attempts: number;
  type: DeliveredEventType;
  occurredAt: Date;
  data: Record<string, unknown>;
  url: string;
  /** The code of the subscription's organisation: the envelope's `organization`. */
  organization: string;
  /** The current secret, then those rotated out and not yet expired. */
  secrets: string[];
  /** Whether the subscription was failing (`failing_since` set) when the head was claimed. */
  failing: boolean;
}

/**
 * The head of a lane (its pending delivery of lowest seq), if it is due and its subscription active,
 * claimed for `$3` ms: `next_attempt_at` moves to the end of that lease, so no other worker takes it
 * meanwhile, and a worker that dies leaves it due again once the lease is over. One statement: two
 * workers racing for the head both see it, and the second, re-reading the row after the first's
 * update, finds it no longer due.
 */
const CLAIM_HEAD = `
  WITH head AS (
    SELECT d.id FROM event_deliveries d
     WHERE d.subscription_id = $1 AND d.lane = $2 AND d.status = 'pending'
     ORDER BY d.seq LIMIT 1
  ), claimed AS (
    UPDATE event_deliveries d
       SET next_attempt_at = now() + $3 * interval '1 millisecond', attempts = d.attempts + 1, last_attempt_at = now()
      FROM head, event_subscriptions s
     WHERE d.id = head.id AND d.status = 'pending' AND d.next_attempt_at <= now()
       AND s.id = d.subscription_id AND s.status = 'active'
    RETURNING d.id, d.subscription_id, d.lane, d.event_id, d.attempts, s.url, s.organization_id, s.failing_since IS NOT NULL AS failing
  )
  SELECT c.id, c.subscription_id AS "subscriptionId", c.lane, c.event_id AS "eventId", c.attempts, c.url, c.failing,
         o.type, o.occurred_at AS "occurredAt", o.data, org.code AS organization,
         ARRAY(SELECT k.secret FROM event_subscription_secrets k
                WHERE k.subscription_id = c.subscription_id AND (k.expires_at IS NULL OR k.expires_at > now())
                ORDER BY k.expires_at DESC NULLS FIRST, k.created_at DESC) AS secrets
    FROM claimed c
    JOIN event_outbox o ON o.id = c.event_id
    JOIN organizations org ON org.id = c.organization_id`;

/**
 * The delivery side's reads and writes of the delivery log (table `event_deliveries`): a lane's head
 * claimed under a lease, each attempt's outcome, the lanes the sweep wakes (libs/events/src/delivery).
 */
@Injectable()
export class EventLanesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Claims the lane's head for `leaseMs` (see CLAIM_HEAD); null when the lane is empty, its head not due, or the subscription not active. */
  async claimHead(lane: DeliveryLane, leaseMs: number): Promise<ClaimedDelivery | null> {
    const rows = await updateReturning<ClaimedDelivery>(this.dataSource, CLAIM_HEAD, [lane.subscriptionId, lane.lane, leaseMs]);
    return rows[0] ?? null;
  }

  /** The receiver answered 2xx: the delivery is done. */
  async markDelivered(id: string, attempt: { status: number; durationMs: number }): Promise<void> {
    await this.dataSource.query(
      `UPDATE event_deliveries
          SET status = 'delivered', delivered_at = now(), last_status = $2, last_error = NULL, duration_ms = $3
        WHERE id = $1 AND status = 'pending'`,
      [id, attempt.status, attempt.durationMs],
    );
  }

  /**
   * The attempt failed: the delivery waits until `retryInMs` from now. Only the claim of that attempt
   * (`attempts` unchanged since) may write it: a worker past its lease leaves the row to the next one.
   */
  async markFailed(
    id: string,
    attempt: { attempts: number; status: number | null; error: string; durationMs: number; retryInMs: number },
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE event_deliveries
          SET next_attempt_at = now() + $6 * interval '1 millisecond', last_status = $3, last_error = $4, duration_ms = $5
        WHERE id = $1 AND status = 'pending' AND attempts = $2`,
      [id, attempt.attempts, attempt.status, attempt.error, attempt.durationMs, attempt.retryInMs],
    );
  }

  /** Lanes of active subscriptions with a delivery due for at least `overdueMs` (their job was lost), at most `limit`. */
  dueLanes(overdueMs: number, limit: number): Promise<DeliveryLane[]> {
    return this.dataSource.query(
      `SELECT DISTINCT d.subscription_id AS "subscriptionId", d.lane
         FROM event_deliveries d JOIN event_subscriptions s ON s.id = d.subscription_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= now() - $1 * interval '1 millisecond' AND s.status = 'active'
        LIMIT $2`,
      [overdueMs, limit],
    );
  }
}
