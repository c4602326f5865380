/**
 * The data source for the TypeORM CLI, e.g. after `npm run build`:
 *   npx typeorm -d dist/libs/persistence/src/data-source.js migration:show
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../config/src/config';
import { dataSourceOptions } from './data-source-options';

export default new DataSource(
  dataSourceOptions(loadConfig().databaseUrl, {
    applicationName: 'liaison-cli',
  }),
);
