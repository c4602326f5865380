import { DomainError } from './domain-error';
import { isInstantWithOffset } from './time';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A keyset position: the instant the page is sorted by and the id of the last item seen, as an opaque string. */
export interface CursorPosition {
  sort: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.id])).toString('base64url');
}

/** Reads a cursor back; anything that is not an (instant, uuid) pair this API could have written is a 422. */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2) {
      const [sort, id] = value as unknown[];
      if (typeof sort === 'string' && typeof id === 'string' && isInstantWithOffset(sort) && UUID.test(id)) return { sort, id };
    }
  } catch {
    // fall through to the error below
  }
  throw DomainError.unprocessable('PAGINATION.BAD_CURSOR', 'cursor: not a cursor this API returned', [
    { field: 'cursor', problems: ['not a cursor this API returned'] },
  ]);
}
