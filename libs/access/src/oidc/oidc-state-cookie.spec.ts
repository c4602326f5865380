import { oidcCookie, oidcCookieKey, OIDC_STATE_LIFETIME_MS, openPending, safeNext, sealPending } from './oidc-state-cookie';

describe('the pending sign-in cookie', () => {
  const key = oidcCookieKey('a client secret of the provider');
  const pending = { state: 'state-1', nonce: 'nonce-1', codeVerifier: 'verifier-1', next: '/exchanges/1?tab=agenda' };

  it('opens what it sealed, with the same key, until it expires', () => {
    const now = Date.now();
    const sealed = sealPending(pending, key, now);
    expect(openPending(sealed, key, now + 1000)).toEqual(pending);
    expect(openPending(sealed, key, now + OIDC_STATE_LIFETIME_MS)).toBeNull();
    expect(openPending(sealed, oidcCookieKey('another client secret'), now)).toBeNull();
  });

  it('cannot be read, and opens nothing once changed', () => {
    const sealed = sealPending(pending, key);
    const bytes = Buffer.from(sealed, 'base64url');
    expect(bytes.toString('latin1')).not.toContain('state-1');
    for (const at of [0, 13, 30, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at] ^= 1;
      expect(openPending(altered.toString('base64url'), key)).toBeNull();
    }
    for (const value of [undefined, '', 'x', `${sealed}!`, Buffer.from(JSON.stringify(pending)).toString('base64url')])
      expect(openPending(value, key)).toBeNull();
  });

  it('is HttpOnly, SameSite=Lax, on the flow’s path only, for ten minutes; Secure on https; cleared with Max-Age=0', () => {
    expect(oidcCookie('v', false)).toBe('liaison_oidc=v; HttpOnly; SameSite=Lax; Path=/v1/auth/oidc; Max-Age=600');
    expect(oidcCookie('v', true)).toMatch(/; Secure$/);
    expect(oidcCookie(null, false)).toBe('liaison_oidc=; HttpOnly; SameSite=Lax; Path=/v1/auth/oidc; Max-Age=0');
  });
});

describe('safeNext', () => {
  it('keeps a path of this site', () => {
    for (const next of ['/', '/exchanges', '/exchanges/1?tab=agenda#minutes', '/a//b']) expect(safeNext(next)).toBe(next);
  });

  it('turns anything else into /', () => {
    for (const next of [
      undefined,
      ['/a', '/b'],
      '',
      'exchanges',
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      '\\\\evil.example',
      '/a\\b',
      '/a\nSet-Cookie: x=y',
      `/${'a'.repeat(2048)}`,
    ])
      expect(safeNext(next)).toBe('/');
  });
});
