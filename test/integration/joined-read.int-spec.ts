import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { ExchangeEntity, ReminderEntity } from '../../libs/persistence/src/entities';
import { JoinedRead } from '../../libs/persistence/src/repositories/joined-read';
import { TEST_DATABASE_URL } from '../support/test-env';

const RELATIONS = { person: { organization: true }, exchange: true, actionItem: true } as const;

/**
 * The joined read, written once from TypeORM's metadata, against TypeORM's own `find` with the
 * same relations on the same rows: an exchange's reminder (its embedded follow-up times, arrays,
 * dates), an action item's, and one with no exchange (as a support request's), whose left joins
 * match nothing.
 */
describe('JoinedRead', () => {
  let dataSource: DataSource;
  let organizationId: string;
  let personId: string;
  let exchangeId: string;
  let ids: string[];

  beforeAll(async () => {
    dataSource = await new DataSource(dataSourceOptions(TEST_DATABASE_URL, { poolSize: 2 })).initialize();
    const code = `J${randomUUID().slice(0, 6).toUpperCase()}`;
    [{ id: organizationId }] = await dataSource.query(
      `INSERT INTO organizations (code, name, timezone) VALUES ($1, $1, 'Asia/Tokyo') RETURNING id`,
      [code],
    );
    [{ id: personId }] = await dataSource.query(
      `INSERT INTO people (name, email, organization_id, level, roles, timezone)
       VALUES ('Joined Reader', $1, $2, 'senior', '{participant,coordinator}', 'Asia/Tokyo') RETURNING id`,
      [`joined-${code.toLowerCase()}@example.org`, organizationId],
    );
    [{ id: exchangeId }] = await dataSource.query(
      `INSERT INTO exchanges (title, level, areas, host_organization_id, starts_at, duration_minutes, timezone, reminder_offsets, confirmation_deadline)
       VALUES ('Joined', 'working', '{CYBER,MARITIME}', $1, now() + interval '2 days', 90, 'Asia/Tokyo', '{PT1H,P1D}', 'P3D') RETURNING id`,
      [organizationId],
    );
    const [{ id: actionItemId }] = await dataSource.query(
      `INSERT INTO action_items (exchange_id, title, owner_id, due_at) VALUES ($1, 'Send the draft', $2, now() + interval '5 days') RETURNING id`,
      [exchangeId, personId],
    );
    const rows: { id: string }[] = await dataSource.query(
      `INSERT INTO reminders (key, exchange_id, action_item_id, revision, person_id, channel, "offset", kind, due_at, status, last_error)
       VALUES ('joined.' || $1 || '.a', $1::uuid, NULL, 2, $3, 'email', 'PT1H', 'exchange', now(), 'queued', NULL),
              ('joined.' || $1 || '.b', $1::uuid, $2::uuid, 1, $3, 'inapp', 'P2D', 'action-item', now(), 'failed', 'refused'),
              ('joined.' || $1 || '.c', NULL, NULL, 1, $3, 'inapp', 'P1D', 'exchange', now(), 'sent', NULL)
       RETURNING id`,
      [exchangeId, actionItemId, personId],
    );
    ids = rows.map((row) => row.id);
  });

  afterAll(async () => {
    await dataSource.query(`DELETE FROM reminders WHERE person_id = $1`, [personId]);
    await dataSource.query(`DELETE FROM exchanges WHERE id = $1`, [exchangeId]);
    await dataSource.query(`DELETE FROM people WHERE id = $1`, [personId]);
    await dataSource.query(`DELETE FROM organizations WHERE id = $1`, [organizationId]);
    await dataSource.destroy();
  });

  it('returns what find returns with the same relations, entity for entity', async () => {
    const byId = (rows: ReminderEntity[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));
    const found = await dataSource.getRepository(ReminderEntity).find({ where: { id: In(ids) }, relations: RELATIONS });
    const read = await new JoinedRead(dataSource, ReminderEntity, RELATIONS).byIds([...ids, ids[0], randomUUID()]);
    expect(found).toHaveLength(3);
    expect(byId(read)).toStrictEqual(byId(found));

    const [withExchange, withActionItem, alone] = ids.map((id) => read.find((r) => r.id === id)!);
    expect(withExchange.exchange?.areas).toEqual(['CYBER', 'MARITIME']);
    expect(withExchange.exchange?.followUp.confirmationDeadline).toBe('P3D');
    expect(withExchange.person?.organization?.timezone).toBe('Asia/Tokyo');
    expect(withExchange.dueAt).toBeInstanceOf(Date);
    expect(withActionItem.actionItem?.title).toBe('Send the draft');
    expect(alone.exchange).toBeNull();
    expect(alone.actionItem).toBeNull();
  });

  it('with no relations, returns the row as findOneBy does, in a transaction too, and nothing for an unknown id', async () => {
    const read = new JoinedRead(dataSource, ExchangeEntity, {});
    const [exchange] = await read.byIds([exchangeId]);
    expect(exchange).toStrictEqual(await dataSource.manager.findOneBy(ExchangeEntity, { id: exchangeId }));
    expect(exchange.reminderOffsets).toEqual(['PT1H', 'P1D']);
    expect(exchange.hostOrganizationId).toBe(organizationId);

    // Inside a transaction it reads through the transaction's connection: the title changed there, not yet committed.
    await dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE exchanges SET title = 'Renamed' WHERE id = $1`, [exchangeId]);
      const [inside] = await read.byIds([exchangeId], { manager });
      expect(inside).toStrictEqual(await manager.findOneBy(ExchangeEntity, { id: exchangeId }));
      expect(inside.title).toBe('Renamed');
      const [outside] = await read.byIds([exchangeId]);
      expect(outside.title).toBe('Joined');
      await manager.query(`UPDATE exchanges SET title = 'Joined' WHERE id = $1`, [exchangeId]);
    });
    expect(await read.byIds([randomUUID()])).toEqual([]);
  });

  it('refuses a relation that is not many-to-one', async () => {
    await expect(new JoinedRead(dataSource, ReminderEntity, { nothing: true }).byIds(ids)).rejects.toThrow(
      'ReminderEntity.nothing is not a many-to-one relation',
    );
  });
});
