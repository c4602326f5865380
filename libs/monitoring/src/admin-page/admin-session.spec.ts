import { SESSION_LIFETIME_MS, sessionCookie, sessionValue, validSession } from './admin-session';

const TOKEN = 'admin-token-0123456789abcdef';

describe('admin page session', () => {
  it('holds an expiry and a MAC, never the token, and is valid until it expires', () => {
    const now = Date.parse('2026-05-04T09:00:00Z');
    const value = sessionValue(TOKEN, now);
    expect(value).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(value).not.toContain(TOKEN);
    expect(validSession(TOKEN, value, now + 1000)).toBe(true);
    expect(validSession(TOKEN, value, now + SESSION_LIFETIME_MS)).toBe(false);
  });

  it('refuses a value made with another token, a tampered expiry, or garbage', () => {
    const now = Date.now();
    const value = sessionValue(TOKEN, now);
    expect(validSession('another-admin-token-0123456789', value, now)).toBe(false);
    const [expiresAt, mac] = value.split('.');
    expect(validSession(TOKEN, `${Number(expiresAt) + 3600_000}.${mac}`, now)).toBe(false);
    for (const bad of [undefined, '', 'x', `${expiresAt}.`, `${expiresAt}.${mac}x`, TOKEN])
      expect(validSession(TOKEN, bad, now)).toBe(false);
  });

  it('sets an HttpOnly, SameSite=Strict cookie on /admin, Secure behind https, and expires it on logout', () => {
    expect(sessionCookie('v', false)).toBe('liaison_admin=v; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=43200');
    expect(sessionCookie('v', true)).toMatch(/; Secure$/);
    expect(sessionCookie(null, false)).toBe('liaison_admin=; HttpOnly; SameSite=Strict; Path=/admin; Max-Age=0');
  });
});
