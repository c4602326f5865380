import 'reflect-metadata';
import { bundleWorkflowCode } from '@temporalio/worker';
import { writeFileSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/src/data-source-options';
import { runMigrations } from '../../libs/persistence/src/migrator';
import { workflowBundlerOptions } from '../../libs/workflows/src/bundler-options';
import { WORKFLOWS_PATH } from '../../libs/workflows/src/workflows-path';
import { assertTestDatabase, TEST_DATABASE_URL, WORKFLOW_BUNDLE_FILE } from './test-env';

const state = globalThis as { liaisonSetupDone?: boolean };

/**
 * Once per test run: a clean test database with every migration applied, and the workflow code
 * bundled once into a file that every test worker loads.
 */
export default async function globalSetup(): Promise<void> {
  if (state.liaisonSetupDone) return;
  state.liaisonSetupDone = true;
  assertTestDatabase(TEST_DATABASE_URL);
  const dataSource = await new DataSource(dataSourceOptions(TEST_DATABASE_URL, { poolSize: 2 })).initialize();
  // IF EXISTS: a run interrupted between the two statements leaves no schema behind it.
  await dataSource.query('DROP SCHEMA IF EXISTS public CASCADE');
  await dataSource.query('CREATE SCHEMA public');
  await runMigrations(dataSource);
  await dataSource.destroy();

  const { code } = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, ...workflowBundlerOptions(), logger: quietLogger });
  writeFileSync(WORKFLOW_BUNDLE_FILE, code);
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => process.stderr.write(`${message}\n`),
  error: (message: string) => process.stderr.write(`${message}\n`),
};
