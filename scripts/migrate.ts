/** Applies pending migrations (under the same advisory lock the processes use) and exits. */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../libs/config/src/config';
import { dataSourceOptions } from '../libs/persistence/src/data-source-options';
import { runMigrations } from '../libs/persistence/src/migrator';

async function main(): Promise<void> {
  const dataSource = await new DataSource(dataSourceOptions(loadConfig().databaseUrl, { applicationName: 'liaison-migrate' })).initialize();
  const applied = await runMigrations(dataSource);
  process.stdout.write(applied.length > 0 ? `applied: ${applied.join(', ')}\n` : 'schema is up to date\n');
  await dataSource.destroy();
}

main().catch((error: unknown) => {
  process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
