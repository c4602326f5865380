import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ExchangeEntity, SeriesEntity, SupportRequestEntity } from '../entities';

/** The rows committed first, their workflow started after: each carries `workflow_started_at`. */
export type WorkflowRowEntity = typeof ExchangeEntity | typeof SeriesEntity | typeof SupportRequestEntity;

/** `workflow_started_at` of the rows whose workflow starts after their commit (the relay's outbox). */
@Injectable()
export class WorkflowStartsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The ids of rows committed more than `graceMs` ago whose workflow is not known to have started,
   * oldest first, at most `limit` (the partial index `<table>_workflow_unstarted_idx` holds only them).
   */
  async unstarted(entity: WorkflowRowEntity, graceMs: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM "${this.tableOf(entity)}"
        WHERE workflow_started_at IS NULL AND created_at < now() - make_interval(secs => $1::double precision / 1000)
        ORDER BY created_at LIMIT $2`,
      [graceMs, limit],
    );
    return rows.map((row) => row.id);
  }

  /** Notes that the row's workflow has started (or had: a start refused as a duplicate counts). */
  async markStarted(entity: WorkflowRowEntity, id: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE "${this.tableOf(entity)}" SET workflow_started_at = now() WHERE id = $1 AND workflow_started_at IS NULL`,
      [id],
    );
  }

  private tableOf(entity: WorkflowRowEntity): string {
    return this.dataSource.getMetadata(entity).tableName;
  }
}
