import type { DataSource } from 'typeorm';
import { ExchangeEntity, SeriesEntity, SupportRequestEntity } from './entities';

/** The rows committed first, their workflow started after: each carries `workflow_started_at`. */
export type WorkflowRowEntity = typeof ExchangeEntity | typeof SeriesEntity | typeof SupportRequestEntity;

/**
 * The ids of rows committed more than `graceMs` ago whose workflow is not known to have started,
 * oldest first, at most `limit` (the partial index `<table>_workflow_unstarted_idx` holds only them).
 */
export async function unstartedWorkflowRows(
  dataSource: DataSource,
  entity: WorkflowRowEntity,
  graceMs: number,
  limit: number,
): Promise<string[]> {
  const table = dataSource.getMetadata(entity).tableName;
  const rows = await dataSource.query<Array<{ id: string }>>(
    `SELECT id FROM "${table}"
      WHERE workflow_started_at IS NULL AND created_at < now() - make_interval(secs => $1::double precision / 1000)
      ORDER BY created_at LIMIT $2`,
    [graceMs, limit],
  );
  return rows.map((row) => row.id);
}

/** Notes that the row's workflow has started (or had: a start refused as a duplicate counts). */
export async function markWorkflowStarted(dataSource: DataSource, entity: WorkflowRowEntity, id: string): Promise<void> {
  const table = dataSource.getMetadata(entity).tableName;
  await dataSource.query(`UPDATE "${table}" SET workflow_started_at = now() WHERE id = $1 AND workflow_started_at IS NULL`, [id]);
}
