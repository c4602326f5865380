import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { DateTime } from 'luxon';
import { Client as PgClient } from 'pg';
import { SMTPServer } from 'smtp-server';
import { nextDigestDue } from '../libs/notifications/src/digest/digest-schedule';
import { parseFlags } from './lib/args';
import { cpuBetween, CPU_HEADERS, cpuRows, cpuSnapshot } from './lib/cpu';
import { sleep } from './lib/progress';
import { Report } from './lib/report';
import { deleteKeys, residentBytes } from './lib/stack';
import { fmt, MiB, summarize } from './lib/stats';

/**
 * The morning digest at scale: N people (default 10,000) opted in across 40 time zones, each with
 * an exchange on the day, an action item due within three days, and (one in ten, the coordinators)
 * confirmations waiting. The real notifier (apps/notifier/src/main.ts, its own process) runs its
 * digest pass every DIGEST_PASS_INTERVAL; an SMTP server in this process notes when it accepts each
 * message. Lateness = SMTP acceptance − the moment the person became due.
 *
 * The notifier's clock is the machine's: the bench cannot wait for 07:00 in forty zones. A person
 * "becomes due" when the bench moves their planned due instant (tomorrow 07:00, as the first pass
 * planned it) to a 07:00 of theirs already past: for the pass that is the clock reaching it, and the
 * moment of that write is the due instant lateness is measured from. Two cases:
 * - `offset`: the people of the largest group of zones that share one UTC offset at 07:00 (they
 *   are due at the same instant every morning; groups are at least 30 minutes apart);
 * - `all`: all N due at the same instant (a different day's 07:00, so a new digest each).
 */
type DigestOptions = {
  people: number;
  concurrency: number;
  batch: number;
  interval: string;
};
const DEFAULTS: DigestOptions = { people: 10_000, concurrency: 50, batch: 500, interval: 'PT10S' };
const HELP: Record<keyof DigestOptions, string> = {
  people: 'people opted in to the digest, spread evenly over the 40 zones',
  concurrency: 'DIGEST_CONCURRENCY of the notifier',
  batch: 'DIGEST_BATCH_SIZE of the notifier',
  interval: 'DIGEST_PASS_INTERVAL of the notifier',
};

/** 40 zones from UTC−10 to UTC+13; many share an offset, as the zones of the secretariats do. */
const ZONES = [
  'Pacific/Honolulu',
  'America/Anchorage',
  'America/Los_Angeles',
  'America/Vancouver',
  'America/Denver',
  'America/Phoenix',
  'America/Chicago',
  'America/Mexico_City',
  'America/New_York',
  'America/Toronto',
  'America/Bogota',
  'America/Lima',
  'America/Halifax',
  'America/Sao_Paulo',
  'America/Argentina/Buenos_Aires',
  'Atlantic/Azores',
  'UTC',
  'Europe/London',
  'Europe/Lisbon',
  'Africa/Abidjan',
  'Europe/Paris',
  'Europe/Brussels',
  'Europe/Berlin',
  'Europe/Rome',
  'Africa/Lagos',
  'Europe/Athens',
  'Africa/Cairo',
  'Africa/Johannesburg',
  'Europe/Kyiv',
  'Africa/Nairobi',
  'Europe/Istanbul',
  'Asia/Dubai',
  'Asia/Karachi',
  'Asia/Kolkata',
  'Asia/Dhaka',
  'Asia/Bangkok',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'Pacific/Auckland',
];
const DATABASE = 'liaison_bench_digest';
const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const DATABASE_URL = `postgres://postgres@127.0.0.1:5432/${DATABASE}`;
const REDIS_URL = 'redis://127.0.0.1:6379/15';
const QUEUE_PREFIX = 'liaison-bench-digest';
const METRICS_PORT = 9575;
const PER_EXCHANGE = 25;
/** How long a case may take before what is missing counts as lost. */
const DRAIN_LIMIT_MS = 300_000;

interface Person {
  id: string;
  email: string;
  zone: string;
}

/** When the SMTP server accepted each digest, by its id (`X-Liaison-Digest`: person and day): the one clock lateness is read on. */
class Sink {
  readonly accepted = new Map<string, number[]>();
  private server?: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, callback) => {
        let head = '';
        stream.on('data', (chunk: Buffer) => {
          if (head.length < 4096) head += chunk.toString('utf8');
        });
        stream.on('end', () => {
          const at = Date.now();
          const id = /^X-Liaison-Digest: (\S+)/im.exec(head)?.[1] ?? 'unknown';
          this.accepted.set(id, [...(this.accepted.get(id) ?? []), at]);
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server?.close(() => resolve()));
  }
}

/** The most recent 07:00 of `zone` at or before `at`, `daysBack` working days earlier still. */
function past0700(zone: string, at: Date, daysBack = 0): { day: string; dueAt: Date } {
  const schedule = { zone, weekendDays: [], holidays: [], quietHours: null };
  let occurrence = nextDigestDue(new Date(at.getTime() - (daysBack + 1) * 86_400_000), schedule)!;
  while (occurrence.dueAt.getTime() > at.getTime() - daysBack * 86_400_000) {
    occurrence = nextDigestDue(new Date(occurrence.dueAt.getTime() - 2 * 86_400_000), schedule)!;
  }
  return occurrence;
}

async function resetState(): Promise<void> {
  const admin = new PgClient({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await redis.connect();
  await deleteKeys(redis, `${QUEUE_PREFIX}*`);
  redis.disconnect();
}

function startNotifier(options: DigestOptions, smtpPort: number, logFile: string): ChildProcess {
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/notifier/src/main.ts'], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL,
      REDIS_URL,
      QUEUE_PREFIX,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
      NOTIFIER_METRICS_PORT: String(METRICS_PORT),
      LOG_LEVEL: 'warn',
      DIGEST_PASS_INTERVAL: options.interval,
      DIGEST_BATCH_SIZE: String(options.batch),
      DIGEST_CONCURRENCY: String(options.concurrency),
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  return child;
}

async function waitReady(): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ok = await fetch(`http://127.0.0.1:${METRICS_PORT}/health/ready`)
      .then((res) => res.ok)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error('the notifier did not become ready');
    await sleep(250);
  }
}

/** Organisations (one per zone, every day worked), people, their exchanges of both days, action items, confirmations waiting. */
async function seed(db: PgClient, count: number, now: Date): Promise<Person[]> {
  const codes = ZONES.map((_, z) => `BENCH-${String(z).padStart(2, '0')}`);
  await db.query(
    `INSERT INTO organizations (code, name, timezone, weekend_days) SELECT c, c || ' secretariat', z, '{}' FROM unnest($1::text[], $2::text[]) AS t(c, z)`,
    [codes, ZONES],
  );
  await db.query(
    `INSERT INTO people (name, email, organization_id, level, roles, timezone, email_enabled, digest_enabled)
     SELECT 'Bench person ' || i, 'p' || i || '@bench.example.org', o.id, 'working',
            CASE WHEN i % 10 = 0 THEN ARRAY['coordinator', 'participant'] ELSE ARRAY['participant'] END, o.timezone, true, true
       FROM generate_series(0, $1::int - 1) i JOIN organizations o ON o.code = 'BENCH-' || lpad((i % 40)::text, 2, '0')`,
    [count],
  );
  const orgs = new Map(
    (await db.query<{ id: string; timezone: string }>('SELECT id, timezone FROM organizations')).rows.map((o) => [o.timezone, o.id]),
  );
  const people = (await db.query<Person>(`SELECT id, email, timezone AS zone FROM people ORDER BY created_at, email`)).rows;
  const exchanges: Array<[string, string, string, string]> = [];
  const participants: Array<[string, string]> = [];
  const partners: Array<[string, string]> = [];
  const items: Array<[string, string]> = [];
  ZONES.forEach((zone, z) => {
    const partner = orgs.get(ZONES[(z + 1) % ZONES.length])!;
    const members = people.filter((p) => p.zone === zone);
    for (const daysBack of [0, 1]) {
      const { day } = past0700(zone, now, daysBack);
      for (let g = 0; g * PER_EXCHANGE < members.length; g++) {
        const id = randomUUID();
        const start = DateTime.fromISO(day, { zone })
          .set({ hour: 10 + (g % 6) })
          .toUTC()
          .toISO()!;
        exchanges.push([id, `Staff talks ${zone} ${day} #${g}`, orgs.get(zone)!, start]);
        partners.push([id, orgs.get(zone)!], [id, partner]);
        for (const person of members.slice(g * PER_EXCHANGE, (g + 1) * PER_EXCHANGE)) {
          participants.push([id, person.id]);
          if (daysBack === 0) items.push([id, person.id]);
        }
      }
    }
    // Ten days ahead, unconfirmed: a confirmation waits for the coordinators of both organisations.
    const future = randomUUID();
    exchanges.push([future, `Consultation ${zone}`, orgs.get(zone)!, new Date(now.getTime() + 10 * 86_400_000).toISOString()]);
    partners.push([future, orgs.get(zone)!], [future, partner]);
  });
  const col = <T>(rows: T[][], i: number) => rows.map((r) => r[i]);
  await db.query(
    `INSERT INTO exchanges (id, title, level, areas, host_organization_id, starts_at, duration_minutes, timezone, reminder_offsets)
     SELECT t.id, t.title, 'working', '{POC}', t.host, t.starts, 60, h.timezone, '{}'
       FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::timestamptz[]) AS t(id, title, host, starts) JOIN organizations h ON h.id = t.host`,
    [col(exchanges, 0), col(exchanges, 1), col(exchanges, 2), col(exchanges, 3)],
  );
  await db.query(`INSERT INTO exchange_organizations (exchange_id, organization_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [
    col(partners, 0),
    col(partners, 1),
  ]);
  await db.query(`INSERT INTO exchange_participants (exchange_id, person_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`, [
    col(participants, 0),
    col(participants, 1),
  ]);
  await db.query(
    `INSERT INTO action_items (exchange_id, title, owner_id, due_at) SELECT e, 'Share the draft framework', o, $3 FROM unnest($1::uuid[], $2::uuid[]) AS t(e, o)`,
    [col(items, 0), col(items, 1), new Date(now.getTime() + 20 * 3600_000)],
  );
  return people;
}

async function metric(name: string, outcome: string): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${METRICS_PORT}/metrics`).then((res) => res.text());
  const line = text.split('\n').find((l) => l.startsWith(`${name}{outcome="${outcome}"}`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

interface CaseFigures {
  name: string;
  people: number;
  sent: number;
  lost: number;
  duplicated: number;
  lateness: ReturnType<typeof summarize>;
  throughput: number;
  peakRss: number;
  cpu: ReturnType<typeof cpuBetween>;
  wallSeconds: number;
}

/** Makes `due` due now (their 07:00 `daysBack` days ago) and waits for their digests. */
async function runCase(
  name: string,
  db: PgClient,
  sink: Sink,
  notifier: ChildProcess,
  due: Person[],
  daysBack: number,
): Promise<CaseFigures> {
  const now = new Date();
  const occurrences = due.map((p) => past0700(p.zone, now, daysBack));
  const ids = due.map((p, i) => `digest.${p.id}.${occurrences[i].day}`);
  const instants = occurrences.map((o) => o.dueAt);
  const cpuBefore = cpuSnapshot({ notifier: notifier.pid! });
  let peakRss = residentBytes(notifier.pid!);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, residentBytes(notifier.pid!))), 250);
  await db.query(`UPDATE people p SET digest_due_at = t.due FROM unnest($1::uuid[], $2::timestamptz[]) AS t(id, due) WHERE p.id = t.id`, [
    due.map((p) => p.id),
    instants,
  ]);
  const releasedAt = Date.now();
  process.stderr.write(`[bench] ${name}: ${due.length} people due now …`);
  const of = (i: number) => sink.accepted.get(ids[i]) ?? [];
  while (Date.now() - releasedAt < DRAIN_LIMIT_MS && ids.some((_, i) => of(i).length === 0)) await sleep(200);
  // A little longer, for a second message that should never come.
  await sleep(2000);
  clearInterval(sampler);
  const cpu = cpuBetween(cpuBefore, cpuSnapshot({ notifier: notifier.pid! }));
  const wallSeconds = (Date.now() - releasedAt) / 1000;
  const firsts = ids.flatMap((_, i) => of(i).slice(0, 1));
  const lateness = firsts.map((at) => at - releasedAt);
  const last = Math.max(...firsts);
  process.stderr.write(` ${firsts.length} sent\n`);
  return {
    name,
    people: due.length,
    sent: firsts.length,
    lost: due.length - firsts.length,
    // The same person's digest of the same day accepted more than once (another day's, when a zone's real 07:00 comes during the run, is not one).
    duplicated: ids.reduce((sum, _, i) => sum + Math.max(0, of(i).length - 1), 0),
    lateness: summarize(lateness),
    throughput: firsts.length / ((last - releasedAt) / 1000),
    peakRss,
    cpu,
    wallSeconds,
  };
}

async function main(): Promise<void> {
  const options = parseFlags('bench:digest', DEFAULTS, HELP);
  const report = new Report('Liaison benchmark: morning digest');
  report.heading('Morning digest');
  await resetState();
  const sink = new Sink();
  await sink.start();
  const logDir = join('.data', 'bench', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `digest-${Date.now()}-notifier.log`);
  const notifier = startNotifier(options, sink.port, logFile);
  const stop = () => notifier.kill('SIGTERM');
  process.once('exit', stop);
  const db = new PgClient({ connectionString: DATABASE_URL });
  try {
    await waitReady();
    await db.connect();
    const now = new Date();
    const seeded = Date.now();
    const people = await seed(db, options.people, now);
    process.stderr.write(`[bench] seeded ${people.length} people in ${fmt((Date.now() - seeded) / 1000, 1)} s\n`);
    // The first passes plan everyone: tomorrow's 07:00 (or today's, where it is still ahead).
    const planning = Date.now();
    while (Number((await db.query(`SELECT count(*) FROM people WHERE digest_due_at IS NULL`)).rows[0].count) > 0) await sleep(200);
    const planSeconds = (Date.now() - planning) / 1000;
    process.stderr.write(`[bench] ${people.length} people planned ${fmt(planSeconds, 1)} s after seeding\n`);

    const groups = new Map<string, Person[]>();
    for (const person of people) {
      const offset = DateTime.fromJSDate(past0700(person.zone, now).dueAt, { zone: person.zone }).toFormat('ZZ');
      groups.set(offset, [...(groups.get(offset) ?? []), person]);
    }
    const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length);
    report.table({
      title: 'People due at the same instant: zones by UTC offset at 07:00 today',
      headers: ['UTC offset', 'zones', 'people'],
      rows: sorted.map(([offset, members]) => [offset, String(new Set(members.map((m) => m.zone)).size), String(members.length)]),
      leftColumns: 1,
    });
    // The notifier runs all day (reminders); a first small group warms it up (JIT, pools) and is not reported.
    await runCase(`warm-up: offset ${sorted[sorted.length - 1][0]}`, db, sink, notifier, sorted[sorted.length - 1][1], 0);
    const cases = [
      await runCase(`offset ${sorted[0][0]} (largest group)`, db, sink, notifier, sorted[0][1], 0),
      await runCase('all at once', db, sink, notifier, people, 1),
    ];
    const failed = await metric('liaison_digests_total', 'failed');
    const empty = await metric('liaison_digests_total', 'empty');
    const summary = `${people.length} people in ${ZONES.length} zones (${groups.size} distinct offsets), DIGEST_PASS_INTERVAL=${options.interval}, DIGEST_BATCH_SIZE=${options.batch}, DIGEST_CONCURRENCY=${options.concurrency}; first planning of everyone: ${fmt(planSeconds, 1)} s. Notifier counted failed=${failed}, empty=${empty}.`;
    process.stdout.write(`${summary}\n`);
    report.text(summary);
    report.table({
      title: 'Lateness: SMTP acceptance − the instant the person became due',
      headers: [
        'case',
        'people',
        'sent',
        'lost',
        'duplicated',
        'p50 s',
        'p99 s',
        'max s',
        'digests/s',
        'notifier peak RSS MiB',
        'notifier CPU s',
      ],
      leftColumns: 1,
      rows: cases.map((c) => [
        c.name,
        String(c.people),
        String(c.sent),
        String(c.lost),
        String(c.duplicated),
        fmt(c.lateness.p50 / 1000, 1),
        fmt(c.lateness.p99 / 1000, 1),
        fmt(c.lateness.max / 1000, 1),
        fmt(c.throughput, 0),
        fmt(c.peakRss / MiB, 0),
        fmt(c.cpu.notifier ?? 0, 1),
      ]),
    });
    for (const c of cases) {
      report.table({
        title: `CPU during "${c.name}" (${fmt(c.wallSeconds, 1)} s)`,
        headers: CPU_HEADERS,
        rows: cpuRows(c.cpu, c.wallSeconds),
        leftColumns: 1,
      });
    }
    if (options.report) process.stdout.write(`\nreport: ${report.writeResult('digest')}\n`);
  } finally {
    await db.end().catch(() => undefined);
    stop();
    await sink.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
