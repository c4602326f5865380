import { DomainError } from './domain-error';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** A keyset position: the sort value of the last item seen and its id, as an opaque string. */
export interface CursorPosition {
  sort: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.sort, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && value.every((v) => typeof v === 'string')) {
      return { sort: String(value[0]), id: String(value[1]) };
    }
  } catch {
    // fall through to the error below
  }
  throw DomainError.invalid('PAGINATION.BAD_CURSOR', 'cursor: not a cursor this API returned', [
    { field: 'cursor', problems: ['not a cursor this API returned'] },
  ]);
}
