import { randomBytes, randomUUID } from 'node:crypto';
import { EVENT_TYPES } from '../../../libs/domain/src';
import { startReceiver, type Receiver, type Receipt } from '../../../examples/webhook-receiver/receiver';
import { exchangeBody, person } from './drill';
import type { FaultWorld } from './harness';
import { ADMIN_TOKEN } from './liaison';
import { waitFor } from './services';

/**
 * What the event-delivery fault drills build and check: subscriptions whose receiver is the example
 * receiver (examples/webhook-receiver), a burst of exchange transitions made through the API, and
 * a checker that compares what each receiver took with the outbox and the delivery log.
 */

/** What every event-delivery drill's processes run with: quick relay, sweep and retries. */
export const EVENT_FAULT_ENV = {
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
  EVENT_RELAY_INTERVAL: 'PT1S',
  EVENT_DELIVERY_SWEEP_INTERVAL: 'PT2S',
  EVENT_RETRY_BASE_DELAY: 'PT1S',
  EVENT_RETRY_MAX_DELAY: 'PT4S',
};

/** How long a request of the burst may take (a bound on a hang; see `send` in startEventBurst). */
const REQUEST_TIMEOUT_MS = 100_000;

/** One organisation's subscription to every event type, received by its own example receiver. */
export interface Subscriber {
  organization: string;
  organizationId: string;
  subscriptionId: string;
  receiver: Receiver;
  /** Holds the receiver's answers (requests wait at it) until the function it returns is called. */
  hold: () => () => void;
}

/**
 * Subscribes `organization` to every event type, the example receiver answering each request after
 * `answerAfterMs` (a receiver that takes a moment, so that deliveries are in flight when a fault lands).
 */
export async function subscribe(world: FaultWorld, organization: string, answerAfterMs = 150): Promise<Subscriber> {
  // Listening first (its url is the subscription's); the secret the subscription is given comes next.
  let held = Promise.resolve();
  const receiver = await startReceiver({
    secret: `whsec_${randomBytes(24).toString('base64')}`,
    respond: async () => {
      await held;
      return new Promise((resolve) => setTimeout(() => resolve(204), answerAfterMs));
    },
  });
  const hold = () => {
    let release!: () => void;
    held = new Promise((resolve) => (release = resolve));
    return release;
  };
  const created = await world.cluster.call<{ id: string; secret: string }>(
    'POST',
    `/v1/organizations/${organization}/event-subscriptions`,
    ADMIN_TOKEN,
    { url: receiver.url, events: [...EVENT_TYPES], description: 'fault drill receiver' },
    [201],
  );
  receiver.secrets = [created.secret];
  const db = await world.db();
  const { rows } = await db.query<{ id: string }>('SELECT id FROM organizations WHERE code = $1', [organization]);
  return { organization, organizationId: rows[0].id, subscriptionId: created.id, receiver, hold };
}

/** Where a drill starts: the outbox's last seq and each receiver's receipts so far. */
export interface Mark {
  seq: number;
  receipts: Map<Subscriber, number>;
}

export async function mark(world: FaultWorld, subscribers: Subscriber[]): Promise<Mark> {
  const db = await world.db();
  const { rows } = await db.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM event_outbox');
  return { seq: Number(rows[0].seq ?? 0), receipts: new Map(subscribers.map((s) => [s, s.receiver.receipts.length])) };
}

/** A burst: `exchanges` exchanges between the two organisations, each created, rescheduled `moves` times, then cancelled. */
export interface EventBurst {
  /** The requests the burst makes: each answered one makes one event. */
  requests: number;
  exchangeIds: string[];
  /** API requests answered 2xx so far. */
  answered: number;
  /** Requests answered 503 (Postgres away, say) and sent again. */
  retried: number;
  /** Settles when every request of the burst has been answered. */
  done: Promise<EventBurst>;
}

/**
 * Starts the burst through the API, the exchanges side by side and each one's transitions one after
 * another (what a lane's order is about); returns at once, its counts moving as it goes. A 503 (the
 * database away, a workflow still starting) is sent again after its Retry-After (at most 1 s), as a
 * client would; any other failure fails the drill.
 */
export async function startEventBurst(world: FaultWorld, options: { exchanges?: number; moves?: number } = {}): Promise<EventBurst> {
  const exchanges = options.exchanges ?? 8;
  const moves = options.moves ?? 6;
  const coordinator = await person(world, world.un, { roles: ['coordinator', 'participant'] });
  const send = async <T>(method: string, path: string, body: unknown): Promise<T> => {
    for (;;) {
      // A transition is a Temporal Update answered once its activity has committed: with the worker
      // killed or Postgres away it waits for the restart or the outage (longer than cluster.request's 30 s).
      const res = await fetch(`${world.cluster.apiUrl()}${path}`, {
        method,
        headers: { Authorization: `Bearer ${coordinator.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      const text = await res.text();
      if (res.ok) {
        burst.answered += 1;
        return JSON.parse(text) as T;
      }
      if (res.status !== 503) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
      burst.retried += 1;
      const after = Math.min(1, Number(res.headers.get('retry-after') ?? 1));
      await new Promise((resolve) => setTimeout(resolve, after * 1000));
    }
  };
  // Far enough ahead that no reminder or workflow timer of theirs comes due during the drill.
  const day = 86_400_000;
  const base = Math.ceil((Date.now() + 30 * day) / 3_600_000) * 3_600_000;
  const lane = async (i: number): Promise<void> => {
    const startsAt = (move: number) => new Date(base + i * day + move * 3_600_000).toISOString();
    const { id } = await send<{ id: string }>(
      'POST',
      '/v1/exchanges',
      exchangeBody(world.un, world.nato, { title: `Event drill ${randomUUID().slice(0, 6)}`, startsAt: startsAt(0), reminderOffsets: [] }),
    );
    burst.exchangeIds.push(id);
    for (let move = 1; move <= moves; move++)
      await send('POST', `/v1/exchanges/${id}/reschedule`, { startsAt: startsAt(move), reason: `event drill move ${move}` });
    await send('POST', `/v1/exchanges/${id}/cancel`, { reason: 'event drill over' });
  };
  const burst: EventBurst = {
    requests: exchanges * (moves + 2),
    exchangeIds: [],
    answered: 0,
    retried: 0,
    done: Promise.all(Array.from({ length: exchanges }, (_, i) => lane(i))).then(() => burst),
  };
  // Awaited by the drill once its fault is over; a failure meanwhile is reported there, not as unhandled.
  burst.done.catch(() => undefined);
  return burst;
}

/**
 * Waits until a third of the burst's requests are answered, then until at least `pending`
 * deliveries of its events are waiting for (or at) a receiver: the fault lands mid-burst, on
 * deliveries in flight.
 */
export async function midBurst(world: FaultWorld, burst: EventBurst, subscribers: Subscriber[], from: Mark, pending = 5): Promise<number> {
  await waitFor(
    'a third of the burst answered',
    async () => burst.answered,
    (answered) => answered >= burst.requests / 3,
    60_000,
  );
  // From here the receivers hold their answers until `pending` deliveries wait, so that they queue
  // up whatever the machine's pace: on a loaded machine the API's events can come slower than a
  // receiver answers, and leave none pending. They answer again (each `answerAfterMs` later, so
  // still in flight) as the fault lands.
  const releases = subscribers.map((subscriber) => subscriber.hold());
  try {
    return await waitFor(
      `${pending} deliveries of the burst pending`,
      () => pendingDeliveries(world, subscribers, from),
      (count) => count >= pending,
      60_000,
    );
  } finally {
    for (const release of releases) release();
  }
}

async function pendingDeliveries(world: FaultWorld, subscribers: Subscriber[], from: Mark): Promise<number> {
  const db = await world.db();
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM event_deliveries d JOIN event_outbox o ON o.id = d.event_id
      WHERE o.seq > $1 AND d.subscription_id = ANY($2) AND d.status = 'pending'`,
    [from.seq, subscribers.map((s) => s.subscriptionId)],
  );
  return Number(rows[0].n);
}

interface OutboxRow {
  id: string;
  seq: string;
  lane: string;
  type: string;
}

/**
 * Waits until every event since `from` has been relayed and every delivery of them to the
 * subscribers is done (none pending): only a pending delivery can still send, so the checker
 * then sees everything there is.
 */
export async function settleEvents(world: FaultWorld, subscribers: Subscriber[], from: Mark, timeoutMs = 90_000): Promise<void> {
  await waitFor(
    'every event of the drill relayed and each of its deliveries done',
    async () => {
      const db = await world.db();
      const { rows } = await db.query<{ unrelayed: string; pending: string; failed: string }>(
        `SELECT
           (SELECT count(*) FROM event_outbox WHERE seq > $1 AND relayed_at IS NULL) AS unrelayed,
           (SELECT count(*) FROM event_deliveries d JOIN event_outbox o ON o.id = d.event_id
             WHERE o.seq > $1 AND d.subscription_id = ANY($2) AND d.status = 'pending') AS pending,
           (SELECT count(*) FROM event_deliveries d JOIN event_outbox o ON o.id = d.event_id
             WHERE o.seq > $1 AND d.subscription_id = ANY($2) AND d.status = 'failed') AS failed`,
        [from.seq, subscribers.map((s) => s.subscriptionId)],
      );
      return { unrelayed: Number(rows[0].unrelayed), pending: Number(rows[0].pending), failed: Number(rows[0].failed) };
    },
    (seen) => seen.failed > 0 || (seen.unrelayed === 0 && seen.pending === 0),
    timeoutMs,
  );
}

export interface SubscriberReport {
  organization: string;
  /** Events of the drill the organisation takes part in (the outbox). */
  expected: number;
  /** Their deliveries in the delivery log, and those `delivered`. */
  deliveries: number;
  delivered: number;
  /** Deliveries that took more than one attempt. */
  retried: number;
  /** Events the receiver took (once each), and of those the ones in `expected`. */
  accepted: number;
  lost: string[];
  invented: string[];
  /** Requests with a webhook-id the receiver had already taken (at least once delivery). */
  duplicates: number;
  /** Receipts whose webhook-id is not their event's id, or whose type or organisation is not the outbox's. */
  mismatched: string[];
  /** Lanes where the receiver took an event before one that precedes it in the outbox. */
  outOfOrder: string[];
}

/**
 * The checker: per subscriber, the events of the drill in the outbox (since `from`, of an
 * organisation it belongs to), the delivery log, and what its receiver took after deduplication,
 * in arrival order, compared lane by lane. Prints the counts and returns them.
 */
export async function checkEvents(world: FaultWorld, subscribers: Subscriber[], from: Mark, label: string): Promise<SubscriberReport[]> {
  const db = await world.db();
  const reports: SubscriberReport[] = [];
  for (const subscriber of subscribers) {
    const outbox = (
      await db.query<OutboxRow>(
        `SELECT id, seq::text AS seq, lane, type FROM event_outbox
          WHERE seq > $1 AND $2 = ANY(organization_ids) AND subscription_id IS NULL ORDER BY seq`,
        [from.seq, subscriber.organizationId],
      )
    ).rows;
    const byId = new Map(outbox.map((row) => [row.id, row]));
    const log = (
      await db.query<{ event_id: string; status: string; attempts: number }>(
        `SELECT d.event_id, d.status, d.attempts FROM event_deliveries d JOIN event_outbox o ON o.id = d.event_id
          WHERE d.subscription_id = $1 AND o.seq > $2`,
        [subscriber.subscriptionId, from.seq],
      )
    ).rows;
    // What arrived since the drill began; an event of an earlier drill arriving late (after that one
    // failed) is left out, an event the outbox does not hold at all is invented.
    const arrived: Receipt[] = subscriber.receiver.receipts.slice(from.receipts.get(subscriber) ?? 0);
    const held = new Set(
      (
        await db.query<{ id: string }>('SELECT id FROM event_outbox WHERE id = ANY($1::uuid[])', [arrived.map((r) => r.envelope.id)])
      ).rows.map((row) => row.id),
    );
    const receipts = arrived.filter((r) => byId.has(r.envelope.id) || !held.has(r.envelope.id));
    const taken = receipts.filter((r) => !r.duplicate);
    const takenIds = new Set(taken.map((r) => r.webhookId));
    const mismatched = receipts
      .filter((r) => {
        const row = byId.get(r.envelope.id);
        return (
          r.webhookId !== r.envelope.id || (row && (row.type !== r.envelope.type || r.envelope.organization !== subscriber.organization))
        );
      })
      .map((r) => r.webhookId);
    const lastSeqOfLane = new Map<string, number>();
    const outOfOrder = new Set<string>();
    for (const receipt of taken) {
      const row = byId.get(receipt.webhookId);
      if (!row) continue;
      const seq = Number(row.seq);
      if ((lastSeqOfLane.get(row.lane) ?? 0) > seq) outOfOrder.add(row.lane);
      lastSeqOfLane.set(row.lane, seq);
    }
    reports.push({
      organization: subscriber.organization,
      expected: outbox.length,
      deliveries: log.length,
      delivered: log.filter((d) => d.status === 'delivered').length,
      retried: log.filter((d) => d.attempts > 1).length,
      accepted: taken.filter((r) => byId.has(r.webhookId)).length,
      lost: outbox.filter((row) => !takenIds.has(row.id)).map((row) => `${row.type} ${row.id}`),
      invented: taken.filter((r) => !byId.has(r.webhookId)).map((r) => `${r.envelope.type} ${r.webhookId}`),
      duplicates: receipts.length - taken.length,
      mismatched,
      outOfOrder: [...outOfOrder],
    });
  }
  console.log(
    [
      `[faults] events: ${label}`,
      ...reports.map(
        (r) =>
          `  ${r.organization.padEnd(10)} expected ${String(r.expected).padStart(4)}  delivered ${String(r.delivered).padStart(4)}/${r.deliveries}` +
          `  taken ${String(r.accepted).padStart(4)}  duplicates ${r.duplicates}  retried ${r.retried}  lost ${r.lost.length}` +
          `  invented ${r.invented.length}  lanes out of order ${r.outOfOrder.length}`,
      ),
    ].join('\n'),
  );
  return reports;
}

/** Every event of the drill delivered and taken once, in order per lane, none invented. */
export function expectEveryEventInOrder(reports: SubscriberReport[], burst: EventBurst): void {
  expect(burst.answered).toBe(burst.requests);
  for (const report of reports) {
    // Each answered request made one event, each for both organisations (they both take part).
    expect(report.expected).toBeGreaterThanOrEqual(burst.requests);
    expect(report.deliveries).toBe(report.expected);
    expect(report.delivered).toBe(report.expected);
    expect(report.lost).toEqual([]);
    expect(report.invented).toEqual([]);
    expect(report.accepted).toBe(report.expected);
    expect(report.mismatched).toEqual([]);
    expect(report.outOfOrder).toEqual([]);
  }
}
