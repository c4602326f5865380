import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { SmtpSink } from '../../support/smtp-sink';
import { answered, CreateExchangeBody } from '../../support/typed-client';
import { person, uniqueCode } from './drill';
import { ADMIN_TOKEN, LiaisonCluster, Role } from './liaison';
import { FaultServices, waitFor } from './services';

/** What every fault test's processes run with: a sweep every 2 s for reminders 5 s overdue, quick retries. */
export const FAULT_ENV = {
  REMINDER_SWEEP_INTERVAL: 'PT2S',
  REMINDER_SWEEP_GRACE: 'PT5S',
  REMINDER_BACKOFF_MS: '500',
  REMINDER_ATTEMPTS: '5',
  SHUTDOWN_TIMEOUT: 'PT15S',
};

export interface FaultWorld {
  services: FaultServices;
  cluster: LiaisonCluster;
  sink: SmtpSink;
  /** A connection to the file's own Postgres, for the checker (reconnected after a Postgres stop). */
  db: () => Promise<Client>;
  /** The file's two organisations (unique codes, like a Cast's `un` and `nato`), made once the first API is up. */
  un: string;
  nato: string;
  /** The reminder queue as BullMQ sees it in the file's Redis (prefix liaison-faults), for the waits. */
  queue: () => Queue;
}

/**
 * The stack of one fault-test file: its own Postgres, Redis and Temporal dev server, an SMTP sink,
 * and `count` of each Liaison process as child processes; started before the file's tests and
 * stopped after them, whatever happened.
 */
export function useFaultStack(
  name: string,
  options: { count?: Partial<Record<Role, number>>; env?: Record<string, string>; smtpAcceptAfterMs?: number } = {},
): FaultWorld {
  const world = {} as FaultWorld;
  let client: Client | undefined;
  let queue: Queue | undefined;
  beforeAll(async () => {
    world.services = await FaultServices.start(name);
    world.sink = await new SmtpSink(options.smtpAcceptAfterMs ?? 0).start();
    world.cluster = new LiaisonCluster(world.services, { ...FAULT_ENV, SMTP_URL: world.sink.url, ...options.env });
    world.db = async () => {
      if (client) {
        const alive = await client.query('SELECT 1').then(
          () => true,
          () => false,
        );
        if (alive) return client;
        await client.end().catch(() => undefined);
      }
      client = new Client({ connectionString: world.services.postgres.url });
      client.on('error', () => undefined);
      await client.connect();
      return client;
    };
    world.queue = () => (queue ??= new Queue('reminders', { connection: { url: world.services.redis.url }, prefix: 'liaison-faults' }));
    // The first API migrates the empty database; the others start once it has.
    await world.cluster.start('api');
    world.un = await createOrganization(world, 'UN', 'America/New_York');
    world.nato = await createOrganization(world, 'NATO', 'Europe/Brussels');
    const count = { api: 1, worker: 1, notifier: 1, ...options.count };
    const more: Array<Promise<unknown>> = [];
    for (let i = 1; i < count.api; i++) more.push(world.cluster.start('api'));
    for (let i = 0; i < count.worker; i++) more.push(world.cluster.start('worker'));
    for (let i = 0; i < count.notifier; i++) more.push(world.cluster.start('notifier'));
    await Promise.all(more);
  }, 180_000);
  afterAll(async () => {
    await client?.end().catch(() => undefined);
    await queue?.close().catch(() => undefined);
    await world.cluster?.stop();
    await world.sink?.stop();
    await world.services?.stop();
  }, 60_000);
  return world;
}

export interface Person {
  id: string;
  token: string;
  email: string;
}

/** One burst of reminders: the exchanges that must deliver, one cancelled and one moved meanwhile. */
export interface Burst {
  coordinator: Person;
  participants: Person[];
  offsets: string[];
  live: string[];
  cancelled: string;
  moved: { id: string; oldRevision: number; newRevision: number };
  /** When the first and the last reminder are due (ms since the epoch). */
  firstDueAt: number;
  lastDueAt: number;
  /** Reminders each channel must deliver, from what the test asked for (not read back). */
  expectedPerChannel: number;
  /** Reminder rows of the cancelled exchange and of the moved one's old revision (all must end `cancelled`). */
  expectedStaleRows: number;
}

async function createOrganization(world: FaultWorld, prefix: string, timezone: string): Promise<string> {
  const code = uniqueCode(prefix);
  await answered(
    `POST /v1/organizations`,
    201,
    world.cluster.client(ADMIN_TOKEN).POST('/v1/organizations', { body: { code, name: `${code} secretariat`, timezone } }),
  );
  return code;
}

/** A person with e-mail on (the burst counts every channel). */
function createPerson(world: FaultWorld, organization: string, roles: string[]): Promise<Person> {
  return person(world, organization, { roles, email: true });
}

function exchangeBody(world: FaultWorld, participantIds: string[], startsAt: number, offsets: string[]): CreateExchangeBody {
  return {
    title: `Fault drill ${randomUUID().slice(0, 6)}`,
    level: 'working',
    areas: ['POC'],
    organizations: [world.un, world.nato],
    hostOrganization: world.un,
    durationMinutes: 30,
    timezone: 'Europe/Brussels',
    location: 'Video link',
    startsAt: new Date(startsAt).toISOString(),
    participantIds,
    reminderOffsets: offsets,
  };
}

/** Reminder rows of an exchange at a revision (any revision when omitted). */
async function rowCount(world: FaultWorld, exchangeId: string, revision?: number): Promise<number> {
  const db = await world.db();
  const { rows } = await db.query<{ n: string }>(
    'SELECT count(*) AS n FROM reminders WHERE exchange_id = $1 AND ($2::int IS NULL OR revision = $2)',
    [exchangeId, revision ?? null],
  );
  return Number(rows[0].n);
}

/**
 * Makes a burst through the API: `participants` people with e-mail on (in-app and e-mail reminders),
 * `exchanges` exchanges with two reminder offsets (1 min and 50 s before the start) whose reminders
 * all come due between `dueFromS` and `dueFromS + dueOverS` seconds from now; plus one exchange
 * cancelled and one moved 5 s later once the burst has begun, before their reminders were due.
 */
export async function startBurst(
  world: FaultWorld,
  options: { exchanges?: number; participants?: number; dueFromS?: number; dueOverS?: number } = {},
): Promise<Burst> {
  const exchanges = options.exchanges ?? 8;
  const participantCount = options.participants ?? 10;
  const dueFromS = options.dueFromS ?? 10;
  const dueOverS = options.dueOverS ?? 20;
  const offsets = ['PT1M', 'PT50S'];
  const coordinator = await createPerson(world, world.un, ['coordinator', 'participant']);
  const participants: Person[] = [];
  for (let i = 0; i < participantCount; i++)
    participants.push(await createPerson(world, i % 2 === 0 ? world.nato : world.un, ['participant']));
  const ids = participants.map((p) => p.id);

  // Reminders at start - 60 s and start - 50 s: the starts run from t0 + 60 + dueFrom to t0 + 50 + dueFrom + dueOver.
  const t0 = Math.ceil(Date.now() / 1000) * 1000;
  const firstStart = t0 + (60 + dueFromS) * 1000;
  const startSpan = (dueOverS - 10) * 1000;
  const startAt = (fraction: number) => firstStart + Math.round((fraction * startSpan) / 1000) * 1000;
  const create = async (startsAt: number) =>
    (
      await answered(
        'POST /v1/exchanges',
        201,
        world.cluster.client(coordinator.token).POST('/v1/exchanges', {
          // What the document defaults left out (the generated type requires it): cast here.
          body: exchangeBody(world, ids, startsAt, offsets),
        }),
      )
    ).id;
  // The two that change first, due in the middle of the burst; then the others, spread over it.
  const cancelled = await create(startAt(0.5));
  const movedId = await create(startAt(0.5));
  const live: string[] = [];
  for (let i = 0; i < exchanges; i++) live.push(await create(startAt(i / Math.max(1, exchanges - 1))));

  const rowsPerExchange = participantCount * offsets.length * 2;
  for (const id of [cancelled, movedId, ...live]) {
    await waitFor(
      `the ${rowsPerExchange} reminder rows of exchange ${id} to be planned`,
      () => rowCount(world, id),
      (n) => n === rowsPerExchange,
    );
  }
  const firstDueAt = firstStart - 60_000;
  if (Date.now() > firstDueAt)
    throw new Error(`the burst took ${Date.now() - t0} ms to make, longer than the ${dueFromS} s before it is due`);
  // The experiment: the two are changed once the burst has begun, before their own reminders are
  // due (5 s later). A clock wait, not a wait for a condition: that they were changed in time is
  // checked below, and nothing asserts how long any of it took.
  const staleDueAt = startAt(0.5) - 60_000;
  await sleepUntil(firstDueAt);
  const oldRevision = await revisionOf(world, movedId);
  const movedTo = startAt(0.5) + 5000;
  await Promise.all([
    answered(
      `POST /v1/exchanges/${cancelled}/cancel`,
      200,
      world.cluster
        .client(coordinator.token)
        .POST('/v1/exchanges/{id}/cancel', { params: { path: { id: cancelled } }, body: { reason: 'fault drill: called off' } }),
    ),
    answered(
      `POST /v1/exchanges/${movedId}/reschedule`,
      200,
      world.cluster.client(coordinator.token).POST('/v1/exchanges/{id}/reschedule', {
        params: { path: { id: movedId } },
        body: { startsAt: new Date(movedTo).toISOString(), reason: 'fault drill: moved' },
      }),
    ),
  ]);
  const changedAt = Date.now();
  if (changedAt >= staleDueAt)
    throw new Error(
      `the cancel and the move were answered ${changedAt - staleDueAt} ms after the reminders they change fell due: ` +
        'this run cannot tell a stale delivery from a late change (the burst needs more lead on this machine)',
    );
  const newRevision = oldRevision + 1;
  await waitFor(
    `the moved exchange's ${rowsPerExchange} reminder rows of revision ${newRevision} to be planned`,
    () => rowCount(world, movedId, newRevision),
    (n) => n === rowsPerExchange,
  );

  return {
    coordinator,
    participants,
    offsets,
    live: [...live, movedId],
    cancelled,
    moved: { id: movedId, oldRevision, newRevision },
    firstDueAt,
    lastDueAt: Math.max(startAt(1), movedTo) - 50_000,
    expectedPerChannel: (exchanges + 1) * participantCount * offsets.length,
    expectedStaleRows: 2 * rowsPerExchange,
  };
}

async function revisionOf(world: FaultWorld, exchangeId: string): Promise<number> {
  const db = await world.db();
  const { rows } = await db.query<{ revision: number }>('SELECT schedule_revision AS revision FROM exchanges WHERE id = $1', [exchangeId]);
  return rows[0].revision;
}

/** Reminder jobs a notifier is working on right now (BullMQ's active list in the file's Redis). */
export async function activeJobs(world: FaultWorld): Promise<number> {
  return world.queue().getActiveCount();
}

/**
 * Waits, from `from` (ms since the epoch) on, for a moment when notifiers have jobs in hand, so that
 * a fault lands on deliveries in flight rather than between them; returns how many were active.
 */
export async function whenJobsActive(world: FaultWorld, from: number, atLeast = 5): Promise<number> {
  await sleepUntil(from);
  return waitFor(
    `${atLeast} reminder jobs active at once`,
    () => activeJobs(world),
    (active) => active >= atLeast,
  );
}

/**
 * Waits until an API process's /health/ready reports `service` as `status` ('down' once a killed
 * service is missed, 'up' once it is back): the running processes' own view of the outage.
 */
export async function whenApiSees(world: FaultWorld, service: 'postgres' | 'redis' | 'temporal', status: 'up' | 'down'): Promise<void> {
  await waitFor(
    `an API's /health/ready to report ${service} ${status}`,
    async () => {
      // 200 while every service is up, 503 otherwise: the body is the health report either way.
      const { data, error, response } = await world.cluster.client(ADMIN_TOKEN).GET('/health/ready');
      const report = (data ?? error) as { details?: Record<string, { status: string }> } | undefined;
      return { status: response.status, details: report?.details };
    },
    (seen) => seen.details?.[service]?.status === status,
  );
}

/**
 * Waits until `at` (ms since the epoch): only for the timing of an experiment (a fault landed
 * mid-burst, a change made once the burst has begun), never to let something happen.
 */
export async function sleepUntil(at: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
}

/**
 * Waits until the burst is over: no reminder of it pending any more (every row `sent`,
 * `cancelled`, `failed` or `skipped`) and nothing left in the reminder queue (no job waiting,
 * delayed or active, a stalled one of a killed notifier included). Only a job can deliver, so a late
 * duplicate would come from one still there: with none left, the checker sees everything there is.
 */
export async function settle(world: FaultWorld, burst: Burst, timeoutMs = 150_000): Promise<void> {
  const all = [...burst.live, burst.cancelled];
  await waitFor(
    'every reminder of the burst done and the reminder queue empty',
    async () => {
      const db = await world.db();
      const { rows } = await db.query<{ n: string }>(
        `SELECT count(*) AS n FROM reminders WHERE exchange_id = ANY($1) AND status IN ('scheduled', 'queued')`,
        [all],
      );
      const queue = await world.queue().getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      return { pendingRows: Number(rows[0].n), queue };
    },
    ({ pendingRows, queue }) => pendingRows === 0 && Object.values(queue).every((n) => n === 0),
    timeoutMs,
  );
}

export interface ChannelCounts {
  expected: number;
  delivered: number;
  duplicated: number;
  lost: number;
}

export interface FaultReport {
  label: string;
  inapp: ChannelCounts;
  email: ChannelCounts;
  /** E-mails received again with a Message-ID already received: what a crash between send and row write costs. */
  emailRedelivered: number;
  /** Deliveries (in-app entries, reminder e-mails) for the cancelled exchange or the moved one's old revision. */
  staleDelivered: number;
  staleRows: number;
  /** What staleRows must be: every row the cancelled exchange and the moved one's old revision were planned with. */
  expectedStaleRows: number;
  /** Reminder rows of the burst not `sent` (expected ones) or not `cancelled` (stale ones). */
  rowsNotSent: number;
  staleRowsNotCancelled: number;
  /** Rows that needed more than one attempt. */
  retried: number;
  /** Reminder rows the database holds for the expected exchanges and revisions (to compare with `expected`). */
  rowsPerChannel: { inapp: number; email: number };
}

interface Row {
  id: string;
  key: string;
  channel: string;
  status: string;
  attempts: number;
  exchange_id: string;
  revision: number;
}

/**
 * The checker: reads the reminder rows and the in-app inbox (notifications) from Postgres and the
 * e-mail from the SMTP sink, and counts per channel what was expected, delivered, duplicated and
 * lost; e-mail by distinct Message-ID, with redeliveries of the same Message-ID counted apart.
 * Prints the counts and returns them.
 */
export async function check(world: FaultWorld, burst: Burst, label: string): Promise<FaultReport> {
  const db = await world.db();
  const revisions = await db.query<{ id: string; revision: number }>(
    'SELECT id, schedule_revision AS revision FROM exchanges WHERE id = ANY($1)',
    [burst.live],
  );
  const currentRevision = new Map(revisions.rows.map((r) => [r.id, r.revision]));
  const { rows } = await db.query<Row>(
    'SELECT id, key, channel, status, attempts, exchange_id, revision FROM reminders WHERE exchange_id = ANY($1)',
    [[...burst.live, burst.cancelled]],
  );
  const isExpected = (row: Row) => row.exchange_id !== burst.cancelled && currentRevision.get(row.exchange_id) === row.revision;
  const expectedRows = rows.filter(isExpected);
  const staleRows = rows.filter((row) => !isExpected(row));
  const staleKeys = new Set(staleRows.map((row) => row.key));

  const inbox = await db.query<{ reminder_id: string; n: string }>(
    'SELECT reminder_id, count(*) AS n FROM notifications WHERE exchange_id = ANY($1) GROUP BY reminder_id',
    [[...burst.live, burst.cancelled]],
  );
  const inboxCount = new Map(inbox.rows.map((r) => [r.reminder_id, Number(r.n)]));

  // E-mail: reminder mails carry X-Liaison-Reminder (the key) and Message-ID <key@liaison>.
  const byKey = new Map<string, { messages: number; messageIds: Set<string> }>();
  for (const message of world.sink.messages) {
    const key = message.mail.headers.get('x-liaison-reminder');
    if (typeof key !== 'string') continue;
    const entry = byKey.get(key) ?? { messages: 0, messageIds: new Set<string>() };
    entry.messages++;
    entry.messageIds.add(message.mail.messageId ?? `(none ${randomUUID()})`);
    byKey.set(key, entry);
  }

  const inapp: ChannelCounts = { expected: burst.expectedPerChannel, delivered: 0, duplicated: 0, lost: 0 };
  const email: ChannelCounts = { expected: burst.expectedPerChannel, delivered: 0, duplicated: 0, lost: 0 };
  let emailRedelivered = 0;
  for (const row of expectedRows) {
    if (row.channel === 'inapp') {
      const n = inboxCount.get(row.id) ?? 0;
      if (n === 0) inapp.lost++;
      else inapp.delivered++;
      inapp.duplicated += Math.max(0, n - 1);
    } else if (row.channel === 'email') {
      const entry = byKey.get(row.key);
      if (!entry) email.lost++;
      else {
        email.delivered++;
        email.duplicated += entry.messageIds.size - 1;
        emailRedelivered += entry.messages - entry.messageIds.size;
      }
    }
  }
  // Rows the database never got count as lost too: the expectation is what the test asked for.
  const rowsPerChannel = {
    inapp: expectedRows.filter((r) => r.channel === 'inapp').length,
    email: expectedRows.filter((r) => r.channel === 'email').length,
  };
  inapp.lost += Math.max(0, inapp.expected - rowsPerChannel.inapp);
  email.lost += Math.max(0, email.expected - rowsPerChannel.email);

  const staleDelivered =
    staleRows.reduce((sum, row) => sum + (inboxCount.get(row.id) ?? 0), 0) +
    [...byKey.entries()].filter(([key]) => staleKeys.has(key)).reduce((sum, [, entry]) => sum + entry.messages, 0);
  const report: FaultReport = {
    label,
    inapp,
    email,
    emailRedelivered,
    staleDelivered,
    staleRows: staleRows.length,
    expectedStaleRows: burst.expectedStaleRows,
    rowsNotSent: expectedRows.filter((r) => r.status !== 'sent').length,
    staleRowsNotCancelled: staleRows.filter((r) => r.status !== 'cancelled').length,
    retried: expectedRows.filter((r) => r.attempts > 1).length,
    rowsPerChannel,
  };
  print(report);
  return report;
}

function print(r: FaultReport): void {
  const line = (name: string, c: ChannelCounts) =>
    `  ${name.padEnd(7)} expected ${String(c.expected).padStart(4)}  delivered ${String(c.delivered).padStart(4)}  duplicated ${c.duplicated}  lost ${c.lost}`;
  console.log(
    [
      `[faults] ${r.label}`,
      line('in-app', r.inapp),
      line('e-mail', r.email),
      `  email redelivered: ${r.emailRedelivered} (same Message-ID received again; distinct Message-IDs ${r.email.delivered})`,
      `  cancelled/moved: ${r.staleRows} rows (expected ${r.expectedStaleRows}), ${r.staleDelivered} delivered, ${r.staleRowsNotCancelled} not cancelled`,
      `  rows not sent: ${r.rowsNotSent}; rows retried (attempts > 1): ${r.retried}`,
    ].join('\n'),
  );
}

/** Every reminder exactly once per channel, nothing for the cancelled exchange or the old revision. */
export function expectExactlyOnce(report: FaultReport): void {
  expect(report.rowsPerChannel).toEqual({ inapp: report.inapp.expected, email: report.email.expected });
  expect(report.inapp).toEqual({ expected: report.inapp.expected, delivered: report.inapp.expected, duplicated: 0, lost: 0 });
  expect(report.email).toEqual({ expected: report.email.expected, delivered: report.email.expected, duplicated: 0, lost: 0 });
  expect(report.rowsNotSent).toBe(0);
  expect(report.staleRows).toBe(report.expectedStaleRows);
  expect(report.staleDelivered).toBe(0);
  expect(report.staleRowsNotCancelled).toBe(0);
}
