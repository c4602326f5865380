import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { managerOf, UnitOfWork } from '../unit-of-work';
import type { DeliveryLane } from './event-lanes.repository';

/** What one relay batch did: events marked relayed, the oldest one's age, and the lanes given new deliveries. */
export interface RelayedBatch {
  relayed: number;
  /** Seconds from the oldest relayed event's `occurred_at` to the relay (null: none relayed). */
  lagSeconds: number | null;
  lanes: DeliveryLane[];
}

/** The channel the outbox's trigger NOTIFYs at each commit that wrote to it (migration EventOutboxNotify). */
const OUTBOX_CHANNEL = 'event_outbox';

/**
 * Fans out the `$1` oldest unrelayed events (seq order) in one statement: a delivery per active
 * subscription of their organisations that takes their type (a ping: its one subscription, if
 * active), and stamps them relayed. A delivery already made (a relay that died after its insert
 * but before its commit cannot have made one) is not made twice.
 */
const RELAY_BATCH = `
  WITH batch AS (
    SELECT id, seq, type, lane, organization_ids, subscription_id, occurred_at FROM event_outbox
     WHERE relayed_at IS NULL ORDER BY seq LIMIT $1
  ), fanned AS (
    INSERT INTO event_deliveries (subscription_id, event_id, lane, seq, next_attempt_at)
    SELECT s.id, b.id, b.lane, b.seq, now()
      FROM batch b JOIN event_subscriptions s ON s.status = 'active' AND CASE
        WHEN b.subscription_id IS NOT NULL THEN s.id = b.subscription_id
        ELSE s.organization_id = ANY(b.organization_ids) AND b.type = ANY(s.events) END
    ON CONFLICT (subscription_id, event_id) DO NOTHING
    RETURNING subscription_id, lane
  ), marked AS (
    UPDATE event_outbox o SET relayed_at = now() FROM batch WHERE o.id = batch.id RETURNING o.id
  )
  SELECT (SELECT count(*)::int FROM marked) AS relayed,
         (SELECT extract(epoch FROM now() - min(occurred_at))::float8 FROM batch) AS "lagSeconds",
         COALESCE((SELECT json_agg(DISTINCT jsonb_build_object('subscriptionId', subscription_id, 'lane', lane)) FROM fanned), '[]') AS lanes`;

/**
 * The outbox relay's reads and writes (tables `event_outbox`, `event_deliveries`): a batch of
 * committed events fanned out to their subscriptions, and the commits it is woken by (libs/events/src/delivery).
 */
@Injectable()
export class EventRelayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One relay batch (RELAY_BATCH) in the caller's transaction, which should hold the relay's advisory lock. */
  async relayBatch(limit: number, uow: UnitOfWork): Promise<RelayedBatch> {
    const manager = managerOf(this.dataSource, uow);
    // Relayed events stay in the partial index on unrelayed ones until a vacuum. A bitmap scan (the
    // planner's pick for a small estimate) reads every one of them from the heap at every batch: the
    // relay's cost grew with the events relayed since the last vacuum (bench:events). An index scan
    // in seq order marks them dead in the index as it passes, and the next batches skip them.
    await manager.query('SET LOCAL enable_bitmapscan = off');
    const [row] = await manager.query<RelayedBatch[]>(RELAY_BATCH, [limit]);
    return row;
  }

  /**
   * Calls `onCommit` each time a transaction that wrote events commits, over a connection of its own
   * (LISTEN holds one). `onLost` is called once if that connection ends; the caller listens again.
   */
  async listen(onCommit: () => void, onLost: (error: Error) => void): Promise<{ close: () => Promise<void> }> {
    const options = this.dataSource.options as { url?: string };
    const client = new Client({ connectionString: options.url });
    let lost = false;
    const lose = (error: Error) => {
      if (lost) return;
      lost = true;
      onLost(error);
    };
    client.on('notification', () => onCommit());
    client.on('error', lose);
    client.on('end', () => lose(new Error('the LISTEN connection ended')));
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    return {
      close: async () => {
        lost = true;
        await client.end();
      },
    };
  }
}
