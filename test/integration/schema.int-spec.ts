import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { COOPERATION_AREAS } from '../../migrations/1795810941000-InitialSchema';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { runMigrations } from '../../libs/persistence/src/migrator';
import { assertTestDatabase, TEST_DATABASE_URL } from '../support/test-env';

describe('schema', () => {
  it('has no drift: the entities need no change the migrations did not make', async () => {
    const dataSource = await new DataSource(dataSourceOptions(TEST_DATABASE_URL, { poolSize: 1 })).initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });

  it('migrates once when several processes start together, under the advisory lock', async () => {
    const url = new URL(TEST_DATABASE_URL);
    const name = `liaison_test_migrate_${process.pid}`;
    url.pathname = `/${name}`;
    assertTestDatabase(url.toString());
    const admin = await new DataSource(dataSourceOptions(TEST_DATABASE_URL, { poolSize: 1 })).initialize();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
    const processes = await Promise.all(
      [1, 2, 3].map(() => new DataSource(dataSourceOptions(url.toString(), { poolSize: 2 })).initialize()),
    );
    try {
      const applied = await Promise.all(processes.map((ds) => runMigrations(ds)));
      expect(applied.flat()).toHaveLength(MIGRATIONS.length);
      const areas: Array<{ code: string }> = await processes[0].query('SELECT code FROM cooperation_areas ORDER BY position');
      expect(areas.map((a) => a.code)).toEqual(COOPERATION_AREAS.map((a) => a.code));
      expect(areas).toHaveLength(12);
    } finally {
      await Promise.all(processes.map((ds) => ds.destroy()));
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.destroy();
    }
  });

  it('keeps one reminder per key and one inbox entry per reminder (unique constraints)', async () => {
    const dataSource = await new DataSource(dataSourceOptions(TEST_DATABASE_URL, { poolSize: 1 })).initialize();
    try {
      const constraints: Array<{ table_name: string; column_name: string }> = await dataSource.query(
        `SELECT tc.table_name, kcu.column_name FROM information_schema.table_constraints tc
           JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
          WHERE tc.constraint_type = 'UNIQUE' AND tc.table_name IN ('reminders', 'notifications')
          ORDER BY tc.table_name, kcu.column_name`,
      );
      expect(constraints).toEqual([
        { table_name: 'notifications', column_name: 'reminder_id' },
        { table_name: 'reminders', column_name: 'key' },
      ]);
    } finally {
      await dataSource.destroy();
    }
  });
});
