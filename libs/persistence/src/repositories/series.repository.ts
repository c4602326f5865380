import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SeriesEntity } from '../entities';
import { keysetPage } from '../keyset';
import { managerOf, UnitOfWork } from '../unit-of-work';

/**
 * Whose series a list holds: every one (an admin's), or those of an organisation the reader
 * coordinates for (`coordinatorOf`; null for a reader who coordinates none) and those naming them.
 */
export type SeriesReader = { all: true } | { coordinatorOf: string | null; personId: string };

/** The columns a series is created with (the rest take their defaults). */
export type NewSeriesRow = Omit<SeriesEntity, 'id' | 'workflowStartedAt' | 'createdAt' | 'updatedAt'>;

/** Series rows: a recurring consultation's rule and the defaults of its occurrences. */
@Injectable()
export class SeriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  findById(id: string, uow?: UnitOfWork): Promise<SeriesEntity | null> {
    return managerOf(this.dataSource, uow).findOneBy(SeriesEntity, { id });
  }

  getById(id: string, uow?: UnitOfWork): Promise<SeriesEntity> {
    return managerOf(this.dataSource, uow).findOneByOrFail(SeriesEntity, { id });
  }

  /** The series the reader may see, newest first, one keyset page. */
  listVisible(
    reader: SeriesReader,
    page: { limit: number; cursor?: string },
  ): Promise<{ rows: SeriesEntity[]; nextCursor: string | null }> {
    const qb = this.dataSource.getRepository(SeriesEntity).createQueryBuilder('s');
    if (!('all' in reader)) {
      qb.where(
        reader.coordinatorOf === null
          ? 's.participant_ids @> ARRAY[:personId]::uuid[]'
          : '(s.organizations @> ARRAY[:organization]::text[] OR s.participant_ids @> ARRAY[:personId]::uuid[])',
        { personId: reader.personId, organization: reader.coordinatorOf },
      );
    }
    return keysetPage(qb, { column: 's.created_at', value: (row) => row.createdAt, idColumn: 's.id', direction: 'DESC', ...page });
  }

  /** The series row, locked (`FOR UPDATE`) until the unit of work ends: its status and amendments take turns. */
  lockForUpdate(id: string, uow: UnitOfWork): Promise<SeriesEntity> {
    return uow.manager.findOneOrFail(SeriesEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts the series; returns its id. */
  async create(row: NewSeriesRow, uow: UnitOfWork): Promise<string> {
    const inserted = await uow.manager.insert(SeriesEntity, row);
    return inserted.identifiers[0].id as string;
  }

  async update(id: string, changes: Partial<SeriesEntity>, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).update(SeriesEntity, { id }, changes);
  }

  async remove(id: string): Promise<void> {
    await this.dataSource.getRepository(SeriesEntity).delete({ id });
  }
}
