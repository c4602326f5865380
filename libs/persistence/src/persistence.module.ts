import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';
import { ENTITIES } from './entities';
import { runMigrations } from './migrator';
import { REPOSITORIES } from './repositories';
import { Transactions } from './unit-of-work';

/**
 * The database connection of a process. Migrations run once at start-up under an advisory lock,
 * before any provider can touch a table. Global: every feature module gets the repositories and
 * `Transactions` without importing it again.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [LIAISON_CONFIG],
      useFactory: (config: LiaisonConfig) => dataSourceOptions(config.databaseUrl),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await runMigrations(dataSource);
        return dataSource;
      },
    }),
    TypeOrmModule.forFeature(ENTITIES),
  ],
  providers: [Transactions, ...REPOSITORIES],
  exports: [TypeOrmModule, Transactions, ...REPOSITORIES],
})
export class PersistenceModule {}
