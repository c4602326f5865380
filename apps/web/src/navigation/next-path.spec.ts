import { safeNext } from './next-path';

describe('safeNext', () => {
  it('keeps a path of this site, with its query and fragment', () => {
    expect(safeNext('/')).toBe('/');
    expect(safeNext('/exchanges/1?view=week#minutes')).toBe('/exchanges/1?view=week#minutes');
  });

  it('refuses anything that could lead to another site', () => {
    for (const next of [
      null,
      undefined,
      '',
      'exchanges',
      'https://evil.example/',
      '//evil.example',
      '/\\evil.example',
      '/\t/evil.example',
      'javascript:alert(1)',
    ]) {
      expect(safeNext(next)).toBeUndefined();
    }
  });
});
