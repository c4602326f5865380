import { DomainError } from './domain-error';
import { decodeCursor, encodeCursor } from './pagination';

describe('cursors', () => {
  const position = { sort: '2027-03-09T09:00:00.000Z', id: '0b8a3c1e-0000-4000-8000-000000000001' };

  it('read back what they wrote', () => {
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    ['garbage', 'garbage'],
    ['a forged id', encodeCursor({ ...position, id: 'x' })],
    ['a forged time', encodeCursor({ ...position, sort: 'yesterday' })],
    ['a wrong shape', Buffer.from(JSON.stringify({ sort: position.sort })).toString('base64url')],
  ])('refuse %s as invalid input naming the cursor', (_what, cursor) => {
    let error: unknown;
    try {
      decodeCursor(cursor);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).kind).toBe('unprocessable');
    expect((error as DomainError).message).toMatch(/^cursor: /);
  });
});
