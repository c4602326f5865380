import type { Request } from 'express';
import { newToken } from '../tokens';
import { cookieOf, csrfTokenOf, sameCsrfToken, sameOrigin, sessionCookie } from './session-cookie';

const request = (headers: Record<string, string>, protocol = 'http') => ({ headers, protocol }) as unknown as Request;

describe('web session cookie', () => {
  it('reads its cookie among others', () => {
    expect(cookieOf(request({ cookie: 'a=1; liaison_session=lss_abc; b=2' }), 'liaison_session')).toBe('lss_abc');
    expect(cookieOf(request({ cookie: 'liaison_session_x=1' }), 'liaison_session')).toBeUndefined();
    expect(cookieOf(request({}), 'liaison_session')).toBeUndefined();
  });

  it('is HttpOnly and SameSite=Lax on the whole site, Secure behind https, and expires at sign-out', () => {
    expect(sessionCookie('s', false, 3_600_000)).toBe('liaison_session=s; HttpOnly; SameSite=Lax; Path=/; Max-Age=3600');
    expect(sessionCookie('s', true, 1000)).toMatch(/; Secure$/);
    expect(sessionCookie(null, false)).toBe('liaison_session=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0');
  });

  it('derives a CSRF token from the secret that another secret does not give', () => {
    const secret = newToken('lss');
    expect(secret).toMatch(/^lss_[A-Za-z0-9_-]{43}$/);
    expect(sameCsrfToken(secret, csrfTokenOf(secret))).toBe(true);
    expect(sameCsrfToken(secret, csrfTokenOf(newToken('lss')))).toBe(false);
    for (const bad of [undefined, '', 'x', secret]) expect(sameCsrfToken(secret, bad)).toBe(false);
  });

  it('takes an Origin that is the API itself and refuses any other, or none when one is required', () => {
    const base = 'https://liaison.example.org';
    expect(sameOrigin(request({ host: '10.0.0.5:3000' }), base)).toBe(true);
    expect(sameOrigin(request({ host: '10.0.0.5:3000' }), base, true)).toBe(false);
    expect(sameOrigin(request({ host: '10.0.0.5:3000', origin: base }), base, true)).toBe(true);
    expect(sameOrigin(request({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), base)).toBe(true);
    expect(sameOrigin(request({ host: '127.0.0.1:3000', origin: 'https://127.0.0.1:3000' }), base)).toBe(false);
    expect(sameOrigin(request({ host: '127.0.0.1:3000', origin: 'https://evil.example' }), base)).toBe(false);
    expect(sameOrigin(request({ host: '127.0.0.1:3000', origin: 'null' }), base)).toBe(false);
  });
});
