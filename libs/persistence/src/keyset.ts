import { decodeCursor, encodeCursor } from '@liaison/common';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface KeysetSpec<E> {
  /** The timestamptz column the page is ordered by (e.g. `e.starts_at`), and a row's value of it. */
  column: string;
  value: (row: E) => Date;
  /** The uuid column that breaks ties (e.g. `e.id`). */
  idColumn: string;
  direction: 'ASC' | 'DESC';
  limit: number;
  cursor?: string;
}

/**
 * One page of rows in (timestamp, id) order, and the cursor of the next one. Fetches limit + 1
 * rows: the extra row only says that there is more.
 */
export async function keysetPage<E extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<E>,
  spec: KeysetSpec<E>,
): Promise<{ rows: E[]; nextCursor: string | null }> {
  qb.orderBy(spec.column, spec.direction)
    .addOrderBy(spec.idColumn, spec.direction)
    .take(spec.limit + 1);
  if (spec.cursor) {
    const at = decodeCursor(spec.cursor);
    const after = spec.direction === 'ASC' ? '>' : '<';
    qb.andWhere(`(${spec.column}, ${spec.idColumn}) ${after} (:keysetSort::timestamptz, :keysetId::uuid)`, {
      keysetSort: at.sort,
      keysetId: at.id,
    });
  }
  const fetched = await qb.getMany();
  const rows = fetched.slice(0, spec.limit);
  const last = rows[rows.length - 1];
  return {
    rows,
    nextCursor: fetched.length > spec.limit ? encodeCursor({ sort: spec.value(last).toISOString(), id: last.id }) : null,
  };
}
