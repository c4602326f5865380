import { attendanceLinks, signAttendanceToken, verifyAttendanceToken } from './attendance-link';

const SECRET = 'a-server-secret-of-some-length-0123456789';
const claims = {
  personId: '6f1c2a0e-2d0c-4a4f-9d55-0a6a1d6d1a11',
  exchangeId: '0b7e1c4e-8e2f-4f3b-a3f6-1a0c5e9d2b22',
  revision: 2,
  expiresAt: new Date('2030-01-10T10:00:00Z'),
};
const before = new Date('2030-01-10T09:00:00Z');

describe('attendance links', () => {
  it('gives back what it signed', () => {
    expect(verifyAttendanceToken(SECRET, signAttendanceToken(SECRET, claims), before)).toEqual({ ok: true, claims });
  });

  it('refuses a token signed with another secret, altered, or cut short', () => {
    const token = signAttendanceToken(SECRET, claims);
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify(['someone-else', claims.exchangeId, 2, 1894269600])).toString('base64url');
    for (const bad of [
      signAttendanceToken('another-secret-of-some-length-0123456789', claims),
      `${forged}.${signature}`,
      `${payload}.${signature.slice(1)}`,
      payload,
      `${token}.x`,
      '',
    ]) {
      expect(verifyAttendanceToken(SECRET, bad, before)).toEqual({ ok: false, reason: 'not-valid' });
    }
  });

  it('expires at the end of the exchange', () => {
    expect(verifyAttendanceToken(SECRET, signAttendanceToken(SECRET, claims), claims.expiresAt)).toEqual({ ok: false, reason: 'expired' });
  });

  it('makes one link per answer to the /attend page, the same token in each', () => {
    const links = attendanceLinks({ publicBaseUrl: 'https://liaison.example.org', adminToken: SECRET }, claims);
    expect(Object.keys(links)).toEqual(['accepted', 'tentative', 'declined']);
    const tokens = Object.entries(links).map(([answer, link]) => {
      const url = new URL(link);
      expect(url.origin + url.pathname).toBe('https://liaison.example.org/attend');
      expect(url.searchParams.get('answer')).toBe(answer);
      return url.searchParams.get('token');
    });
    expect(new Set(tokens).size).toBe(1);
    expect(verifyAttendanceToken(SECRET, tokens[0]!, before)).toEqual({ ok: true, claims });
  });
});
