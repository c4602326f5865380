import { loadConfig } from './config';

describe('OpenID Connect settings', () => {
  const all = { OIDC_ISSUER: 'https://id.example.org/realms/liaison', OIDC_CLIENT_ID: 'liaison', OIDC_CLIENT_SECRET: 's'.repeat(32) };

  it('are off without the three variables, and read with them', () => {
    expect(loadConfig({}).oidc).toBeNull();
    expect(loadConfig(all).oidc).toEqual({ issuer: all.OIDC_ISSUER, clientId: 'liaison', clientSecret: all.OIDC_CLIENT_SECRET });
  });

  it('go together: each one missing is named', () => {
    const { OIDC_CLIENT_SECRET: _secret, ...withoutSecret } = all;
    expect(() => loadConfig(withoutSecret)).toThrow(/OIDC_CLIENT_SECRET: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together/);
    let problems = '';
    try {
      loadConfig({ OIDC_CLIENT_ID: 'liaison' });
    } catch (error) {
      problems = (error as Error).message;
    }
    expect(problems).toMatch(/OIDC_ISSUER: .*go together/);
    expect(problems).toMatch(/OIDC_CLIENT_SECRET: .*go together/);
    expect(problems).not.toMatch(/OIDC_CLIENT_ID:/);
  });

  it('want an https issuer (http only on a loopback address) and a secret of 16 characters or more, never printed', () => {
    expect(() => loadConfig({ ...all, OIDC_ISSUER: 'http://id.example.org' })).toThrow(/OIDC_ISSUER: must be an https:\/\/ URL/);
    for (const issuer of ['http://127.0.0.1:8080', 'http://localhost:8080/realms/x', 'http://[::1]:9000'])
      expect(loadConfig({ ...all, OIDC_ISSUER: issuer }).oidc?.issuer).toBe(issuer);
    expect(() => loadConfig({ ...all, OIDC_CLIENT_SECRET: 'short-secret' })).toThrow(/OIDC_CLIENT_SECRET: must be at least 16 characters/);
    expect(() => loadConfig({ ...all, OIDC_CLIENT_SECRET: 'short-secret' })).not.toThrow(/short-secret/);
  });
});
