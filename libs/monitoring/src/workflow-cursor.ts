import { DomainError } from '@liaison/common';
import { createHmac, timingSafeEqual } from 'node:crypto';

/*
 * The workflow list's cursor is Temporal's page token, signed: Temporal answers a token it cannot
 * read with a bare UNKNOWN error, so a forged cursor must be caught here, as a 422 `PAGINATION.BAD_CURSOR`, before it gets there.
 */

/** The cursor of Temporal's page `token`, signed with a key derived from `secret` (the admin token). */
export function cursorOf(token: Uint8Array, secret: string): string {
  return `${Buffer.from(token).toString('base64url')}.${signature(token, secret)}`;
}

/** The page token in a cursor `cursorOf` made; a 422 for any other. */
export function tokenOf(cursor: string, secret: string): Uint8Array {
  const [encoded = '', given = ''] = cursor.split('.');
  const token = Buffer.from(encoded, 'base64url');
  const expected = Buffer.from(signature(token, secret));
  if (token.length === 0 || given.length !== expected.length || !timingSafeEqual(Buffer.from(given), expected)) {
    throw DomainError.unprocessable('PAGINATION.BAD_CURSOR', 'cursor: not a cursor this API returned', [
      { field: 'cursor', problems: ['not a cursor this API returned'] },
    ]);
  }
  return token;
}

function signature(token: Uint8Array, secret: string): string {
  return createHmac('sha256', `workflow-cursor:${secret}`).update(token).digest('base64url').slice(0, 22);
}
