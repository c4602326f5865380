import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * One transaction, as services see it: something to hand to repository methods so that their
 * reads and writes commit or roll back together. Only repositories look inside.
 */
export interface UnitOfWork {
  readonly manager: EntityManager;
}

/** Runs work in one transaction; the only way services open one. */
@Injectable()
export class Transactions {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  run<T>(work: (uow: UnitOfWork) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work({ manager }));
  }
}

/** The manager a repository method uses: the unit of work's, or the data source's own outside one. */
export function managerOf(dataSource: DataSource, uow?: UnitOfWork): EntityManager {
  return uow?.manager ?? dataSource.manager;
}
