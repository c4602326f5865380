import type { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { runMigrations } from '../../libs/persistence/src/migrator';
import { assertTestDatabase, TEST_DATABASE_URL } from './test-env';

const quiet = { log: () => undefined } as unknown as Logger;

/**
 * A database of one suite's own, migrated, beside the shared test database: for a suite whose
 * subject reads every row of a table (the reminder sweep, the workflow-start relay), so that no
 * other suite's rows can be its input, and its own passes cannot take another suite's rows.
 * `drop()` removes it.
 */
export async function createOwnDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = new URL(TEST_DATABASE_URL);
  const name = `${url.pathname.slice(1)}_${randomUUID().slice(0, 8)}`;
  const admin = async (sql: string) => {
    const client = new Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  url.pathname = `/${name}`;
  assertTestDatabase(url.toString());
  const dataSource = await new DataSource(dataSourceOptions(url.toString(), { poolSize: 2 })).initialize();
  try {
    await runMigrations(dataSource, quiet);
  } finally {
    await dataSource.destroy();
  }
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
