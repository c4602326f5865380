import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ActionItemStatus } from '@liaison/domain';
import { DataSource } from 'typeorm';
import { ActionItemEntity, ExchangeEntity } from '../entities';
import { keysetPage } from '../keyset';
import { managerOf, UnitOfWork } from '../unit-of-work';
import { ExchangeViewer, restrictToVisibleExchanges } from './exchange-visibility';

export type NewActionItem = Pick<ActionItemEntity, 'exchangeId' | 'title' | 'ownerId' | 'dueAt' | 'createdBy'>;

/** The stage markers of an action item's follow-up: set once a stage has been recorded. */
export type ActionItemStageMark = 'remindedAt' | 'overdueAt' | 'escalatedAt';

/** An item as it was read before the workflow was told of it: its id and revision. */
export interface ActionItemRevision {
  id: string;
  revision: number;
}

/** One keyset page, by due time. */
export interface ActionItemPage {
  limit: number;
  cursor?: string;
}

/**
 * Action items, with the markers of their follow-up: the stages recorded, and whether the
 * exchange's workflow has been told of the item's current revision.
 */
@Injectable()
export class ActionItemsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  find(exchangeId: string, id: string, uow?: UnitOfWork): Promise<ActionItemEntity | null> {
    return managerOf(this.dataSource, uow).findOneBy(ActionItemEntity, { id, exchangeId });
  }

  /** A new item, open, at revision 1. */
  create(item: NewActionItem, uow?: UnitOfWork): Promise<ActionItemEntity> {
    const manager = managerOf(this.dataSource, uow);
    return manager.save(manager.create(ActionItemEntity, { ...item, status: 'open', revision: 1 }));
  }

  /** The item, its row locked (`FOR UPDATE`) for the rest of the transaction; `exchangeId` when given must match. */
  lock(id: string, uow: UnitOfWork, exchangeId?: string): Promise<ActionItemEntity | null> {
    return managerOf(this.dataSource, uow).findOne(ActionItemEntity, {
      where: exchangeId === undefined ? { id } : { id, exchangeId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  save(item: ActionItemEntity, uow?: UnitOfWork): Promise<ActionItemEntity> {
    return managerOf(this.dataSource, uow).save(item);
  }

  /** Records (now) that a stage of the item's follow-up was done. */
  async markStage(id: string, mark: ActionItemStageMark, uow?: UnitOfWork): Promise<void> {
    await managerOf(this.dataSource, uow).update(ActionItemEntity, { id }, { [mark]: new Date() });
  }

  openOf(exchangeId: string, uow?: UnitOfWork): Promise<ActionItemEntity[]> {
    return managerOf(this.dataSource, uow).findBy(ActionItemEntity, { exchangeId, status: 'open' });
  }

  /** The exchange's items, by due time. */
  pageOf(exchangeId: string, page: ActionItemPage): Promise<{ rows: ActionItemEntity[]; nextCursor: string | null }> {
    const qb = this.dataSource.getRepository(ActionItemEntity).createQueryBuilder('a').where('a.exchange_id = :exchangeId', { exchangeId });
    return keysetPage(qb, { column: 'a.due_at', value: (a) => a.dueAt, idColumn: 'a.id', direction: 'ASC', ...page });
  }

  /** The items of every exchange `viewer` may see, by due time; of one owner, in one status, when given. */
  pageVisible(
    viewer: ExchangeViewer,
    filter: { ownerId?: string; status?: ActionItemStatus },
    page: ActionItemPage,
  ): Promise<{ rows: ActionItemEntity[]; nextCursor: string | null }> {
    const qb = this.dataSource.getRepository(ActionItemEntity).createQueryBuilder('a');
    const visible = this.dataSource.getRepository(ExchangeEntity).createQueryBuilder('e').select('e.id');
    restrictToVisibleExchanges(visible, viewer);
    qb.where(`a.exchange_id IN (${visible.getQuery()})`).setParameters(visible.getParameters());
    if (filter.ownerId) qb.andWhere('a.owner_id = :owner', { owner: filter.ownerId });
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    return keysetPage(qb, { column: 'a.due_at', value: (a) => a.dueAt, idColumn: 'a.id', direction: 'ASC', ...page });
  }

  /** The time zone of each of these exchanges, by id: their items are shown in it. */
  async exchangeTimezones(exchangeIds: string[]): Promise<Map<string, string>> {
    if (exchangeIds.length === 0) return new Map();
    const rows: Array<{ id: string; timezone: string }> = await this.dataSource.query(
      `SELECT id, timezone FROM exchanges WHERE id = ANY($1)`,
      [[...new Set(exchangeIds)]],
    );
    return new Map(rows.map((r) => [r.id, r.timezone]));
  }

  /** Exchanges with an item created or revised more than `graceMs` ago that their workflow was not told of, oldest first. */
  async exchangesUntoldSince(graceMs: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ exchange_id: string }>>(
      `SELECT exchange_id FROM action_items
        WHERE workflow_signalled_at IS NULL AND revised_at < now() - make_interval(secs => $1::double precision / 1000)
        GROUP BY exchange_id ORDER BY min(revised_at) LIMIT $2`,
      [graceMs, limit],
    );
    return rows.map((row) => row.exchange_id);
  }

  /** The exchange's items whose current revision its workflow was not told of. */
  untoldOf(exchangeId: string): Promise<ActionItemRevision[]> {
    return this.dataSource.query(`SELECT id, revision FROM action_items WHERE exchange_id = $1 AND workflow_signalled_at IS NULL`, [
      exchangeId,
    ]);
  }

  /** Marks the items told, each at the revision read before the signal: a revision committed since is left for its own signal. */
  async markTold(items: ActionItemRevision[]): Promise<void> {
    if (items.length === 0) return;
    await this.dataSource.query(
      `UPDATE action_items a SET workflow_signalled_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS told(id, revision)
        WHERE a.id = told.id AND a.revision = told.revision AND a.workflow_signalled_at IS NULL`,
      [items.map((i) => i.id), items.map((i) => i.revision)],
    );
  }
}
