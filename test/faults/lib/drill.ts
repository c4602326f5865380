import { randomUUID } from 'node:crypto';
import type { Schemas } from '../../../libs/client/src';
import { answered, CreateExchangeBody, CreateSeriesBody } from '../../support/typed-client';
import type { FaultWorld } from './harness';
import { ADMIN_TOKEN } from './liaison';
import { waitFor } from './services';

/** What the drills of the fault tests (a process killed between a commit and its effect) build and check. */

export interface ReminderRow {
  id: string;
  key: string;
  channel: string;
  status: string;
  person_id: string;
}

export const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/**
 * A code no other test uses: `prefix` and six random hex digits (`UN-3FA2C1`), as test/support/fixtures'
 * uniqueCode makes them (that module loads the in-process stack, which the fault tests do not need).
 */
export function uniqueCode(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 6).toUpperCase()}`;
}

/** Two organisations of the test's own, without weekend (service levels run on any day); `prefixes` keep each file's apart. */
export async function organizations(world: FaultWorld, prefixes: [string, string]): Promise<{ host: string; other: string }> {
  const [host, other] = prefixes.map(uniqueCode);
  for (const code of [host, other])
    await answered(
      'POST /v1/organizations',
      201,
      world.cluster.client(ADMIN_TOKEN).POST('/v1/organizations', {
        body: { code, name: `${code} secretariat`, timezone: 'Europe/Brussels', weekend: [] },
      }),
    );
  return { host, other };
}

export async function person(
  world: FaultWorld,
  organization: string,
  options: { roles?: string[]; email?: boolean },
): Promise<{ id: string; token: string; email: string }> {
  const email = `drill-${randomUUID().slice(0, 8)}@${organization.toLowerCase()}.example.org`;
  const created = await answered(
    'POST /v1/people',
    201,
    world.cluster.client(ADMIN_TOKEN).POST('/v1/people', {
      body: {
        name: `Person ${email}`,
        email,
        organization,
        level: 'working',
        // The caller's role names: cast to the document's enum here.
        roles: (options.roles ?? ['participant']) as Schemas['CreatePersonDto']['roles'],
        timezone: 'Europe/Brussels',
        channels: { email: options.email ?? false },
      },
    }),
  );
  return { id: created.id, token: created.token, email };
}

export function exchangeBody(host: string, other: string, overrides: Record<string, unknown>): Record<string, unknown> {
  const defaults: Partial<CreateExchangeBody> = {
    title: `Commit drill ${randomUUID().slice(0, 6)}`,
    level: 'working',
    areas: ['POC'],
    organizations: [host, other],
    hostOrganization: host,
    durationMinutes: 30,
    timezone: 'Europe/Brussels',
    location: 'Video link',
    participantIds: [],
  };
  return { ...defaults, ...overrides };
}

/** A daily series between the two from tomorrow 10:00 Brussels, two occurrences ahead. */
export function seriesBody(host: string, other: string, overrides: Record<string, unknown>): Record<string, unknown> {
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const defaults: Partial<CreateSeriesBody> = {
    level: 'working',
    areas: ['POC'],
    organizations: [host, other],
    hostRotation: [host, other],
    durationMinutes: 30,
    participantIds: [],
    reminderOffsets: [],
    rrule: 'FREQ=DAILY',
    dtstart: `${tomorrow}T10:00:00`,
    timezone: 'Europe/Brussels',
    horizon: 2,
  };
  return { ...defaults, ...overrides };
}

/** Waits until `count` reminder rows match `where` and every one is sent; returns them. */
export async function delivered(world: FaultWorld, where: string, params: unknown[], count: number): Promise<ReminderRow[]> {
  return waitFor(
    `${count} reminders (${where}) sent`,
    async () => {
      const db = await world.db();
      return (await db.query<ReminderRow>(`SELECT id, key, channel, status, person_id FROM reminders WHERE ${where}`, params)).rows;
    },
    (rows) => rows.length === count && rows.every((r) => r.status === 'sent'),
    90_000,
  );
}

/** Each row delivered once: one inbox entry for an in-app row, one e-mail (one Message-ID, one copy) for an e-mail row. */
export async function expectOnce(world: FaultWorld, rows: ReminderRow[]): Promise<void> {
  expect(rows.map((r) => r.channel).sort()).toEqual(['email', 'inapp']);
  for (const row of rows) await expectRowOnce(world, row);
}

export async function expectRowOnce(world: FaultWorld, row: ReminderRow): Promise<void> {
  if (row.channel === 'inapp') {
    const db = await world.db();
    const { rows } = await db.query<{ n: string }>('SELECT count(*) AS n FROM notifications WHERE reminder_id = $1', [row.id]);
    expect(Number(rows[0].n)).toBe(1);
  } else {
    const mails = world.sink.messages.filter((m) => m.mail.headers.get('x-liaison-reminder') === row.key);
    expect(mails).toHaveLength(1);
  }
}
