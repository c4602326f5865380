// The data-access layer's own Postgres helpers: like the repositories, they may hold SQL.
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs an `UPDATE … RETURNING` (or `DELETE … RETURNING`) and gives back its rows. TypeORM's
 * Postgres driver answers such statements with `[rows, affectedCount]`, not the rows alone.
 */
export async function updateReturning<T>(db: DataSource | EntityManager, sql: string, parameters: unknown[]): Promise<T[]> {
  const result: unknown = await db.query(sql, parameters);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}

/** A Postgres unique_violation: the constraint, not a read before the write, found the duplicate. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}
