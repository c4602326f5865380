import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { InboxChannel } from '../../libs/notifications/src/channels/inbox.channel';
import type { ReminderContent } from '../../libs/notifications/src/delivery/reminder-content';
import { ReminderReader } from '../../libs/notifications/src/delivery/reminder-reader';
import { NotificationsRepository } from '../../libs/persistence/src/repositories/notifications.repository';
import { RemindersRepository } from '../../libs/persistence/src/repositories/reminders.repository';
import { TEST_DATABASE_URL } from '../support/test-env';

const REMINDERS = 150;

/**
 * The notifier's batched reads and in-app writes against Postgres: many jobs at once share a few
 * statements, and each reminder is still marked sent once with one inbox entry.
 */
describe('in-app delivery in batches', () => {
  let dataSource: DataSource;
  let organizationId: string;
  let personId: string;
  let exchangeId: string;
  let reminderIds: string[];
  let cancelledId: string;

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(TEST_DATABASE_URL, { poolSize: 4 })).initialize();
    const code = `B${randomUUID().slice(0, 6).toUpperCase()}`;
    [{ id: organizationId }] = await dataSource.query(
      `INSERT INTO organizations (code, name, timezone) VALUES ($1, $1, 'Europe/Brussels') RETURNING id`,
      [code],
    );
    [{ id: personId }] = await dataSource.query(
      `INSERT INTO people (name, email, organization_id, level, roles, timezone)
       VALUES ('Batch Reader', $1, $2, 'working', '{participant}', 'Europe/Brussels') RETURNING id`,
      [`batch-${code.toLowerCase()}@example.org`, organizationId],
    );
    [{ id: exchangeId }] = await dataSource.query(
      `INSERT INTO exchanges (title, level, areas, host_organization_id, starts_at, duration_minutes, timezone, reminder_offsets)
       VALUES ('Batched', 'working', '{}', $1, now() + interval '1 day', 60, 'Europe/Brussels', '{PT1H}') RETURNING id`,
      [organizationId],
    );
    const rows: { id: string; status: string }[] = await dataSource.query(
      `INSERT INTO reminders (key, exchange_id, revision, person_id, channel, "offset", due_at, status)
       SELECT 'batch.' || $1 || '.' || n, $1::uuid, 1, $2, 'inapp', 'PT' || n || 'S', now(), CASE WHEN n = 0 THEN 'cancelled' ELSE 'queued' END
         FROM generate_series(0, $3) AS n
       RETURNING id, status`,
      [exchangeId, personId, REMINDERS],
    );
    cancelledId = rows.find((r) => r.status === 'cancelled')!.id;
    reminderIds = rows.filter((r) => r.status === 'queued').map((r) => r.id);
  });

  afterAll(async () => {
    await dataSource.query(`DELETE FROM exchanges WHERE id = $1`, [exchangeId]);
    await dataSource.query(`DELETE FROM people WHERE id = $1`, [personId]);
    await dataSource.query(`DELETE FROM organizations WHERE id = $1`, [organizationId]);
    await dataSource.destroy();
  });

  it('reads concurrent reminders with their person, organisation and exchange in a few joined queries', async () => {
    const reader = new ReminderReader(new RemindersRepository(dataSource));
    const queries = jest.spyOn(dataSource, 'query');
    try {
      const loaded = await Promise.all([...reminderIds, randomUUID()].map((id) => reader.load(id)));
      expect(loaded.at(-1)).toBeNull();
      expect(loaded.slice(0, -1).map((r) => r?.id)).toEqual(reminderIds);
      for (const reminder of loaded.slice(0, -1)) {
        expect(reminder?.person.id).toBe(personId);
        expect(reminder?.person.organization?.id).toBe(organizationId);
        expect(reminder?.exchange?.id).toBe(exchangeId);
      }
      // All 151 loads start in one turn of the event loop: they go at its end, as batches of at
      // most 100: two queries.
      expect(queries.mock.calls.filter(([sql]) => String(sql).includes('FROM "reminders"'))).toHaveLength(2);
    } finally {
      queries.mockRestore();
    }
  });

  it('marks each reminder sent once with one inbox entry, and leaves sent and cancelled rows alone', async () => {
    const reader = new ReminderReader(new RemindersRepository(dataSource));
    const inbox = new InboxChannel(new NotificationsRepository(dataSource));
    const deliveredAt = new Date(Date.now() - 1_000);
    const content = (reminder: { offset: string }) =>
      ({
        inbox: { title: `Reminder ${reminder.offset}`, body: 'body' },
        exchangeId,
        supportRequestId: null,
      }) as unknown as ReminderContent;
    /** Loads them all, then starts every delivery at once: how the writes group does not hang on when each read returned. */
    const deliverAll = async (ids: string[]) => {
      const reminders = (await Promise.all(ids.map((id) => reader.load(id)))).map((r) => r!);
      return Promise.all(reminders.map((reminder) => inbox.deliver(reminder, reminder.person, content(reminder), deliveredAt)));
    };
    const statements = jest.spyOn(dataSource, 'query');
    try {
      // Every reminder once, the first one a second time in the same wave, and the cancelled one.
      const first = await deliverAll([...reminderIds, reminderIds[0], cancelledId]);
      expect(first.filter(Boolean)).toHaveLength(REMINDERS);
      expect(first.slice(1, REMINDERS).every(Boolean)).toBe(true);
      // The first reminder's two calls fall in the two batches, which run at the same time: either
      // may mark it, and the other finds it sent.
      expect([first[0], first[REMINDERS]].filter(Boolean)).toHaveLength(1);
      expect(first[REMINDERS + 1]).toBe(false);
      // 152 deliveries started in one turn of the event loop, in two statements: batches of at most
      // 100, at the end of the turn.
      const writes = statements.mock.calls.filter(([sql]) => String(sql).includes('INSERT INTO notifications'));
      expect(writes).toHaveLength(2);
      // A job that runs again (a retry after a crash) finds the row sent and writes nothing.
      expect(await deliverAll(reminderIds.slice(0, 10))).toEqual(Array(10).fill(false));
    } finally {
      statements.mockRestore();
    }

    const reminders: { status: string; attempts: number; sent_at: Date; entries: number }[] = await dataSource.query(
      `SELECT r.status, r.attempts, r.sent_at, count(n.id)::int AS entries
         FROM reminders r LEFT JOIN notifications n ON n.reminder_id = r.id
        WHERE r.exchange_id = $1 AND r.status <> 'cancelled' GROUP BY r.id`,
      [exchangeId],
    );
    expect(reminders).toHaveLength(REMINDERS);
    for (const row of reminders) {
      expect(row).toMatchObject({ status: 'sent', attempts: 1, entries: 1 });
      expect(row.sent_at.getTime()).toBe(deliveredAt.getTime());
    }
    const [{ entries }] = await dataSource.query(
      `SELECT count(*)::int AS entries FROM notifications WHERE reminder_id = $1 OR (person_id = $2 AND title NOT LIKE 'Reminder PT%')`,
      [cancelledId, personId],
    );
    expect(entries).toBe(0);
    const [entry] = await dataSource.query(
      `SELECT kind, title, exchange_id, due_at, delivered_at FROM notifications WHERE reminder_id = $1`,
      [reminderIds[0]],
    );
    expect(entry).toMatchObject({ kind: 'exchange.reminder', title: 'Reminder PT1S', exchange_id: exchangeId });
  });
});
