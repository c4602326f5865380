import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { auditOf } from '../support/exchanges';
import { createOrganization, createPerson, TestPerson } from '../support/fixtures';
import { TestOidcProvider } from '../support/oidc-provider';
import { ADMIN_TOKEN, TestStack } from '../support/stack';

const bearer = { type: 'bearer' } as const;
/** The test stack's PUBLIC_BASE_URL (stack.ts): the provider sends the browser back there. */
const PUBLIC_BASE_URL = 'http://liaison.test';
const REDIRECT_URI = `${PUBLIC_BASE_URL}/v1/auth/oidc/callback`;

/** The Set-Cookie line of the cookie `name`, if the answer sets it. */
function setCookie(response: Response, name: string): string | undefined {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  return (header ?? []).find((line) => line.startsWith(`${name}=`));
}
const valueOf = (line: string | undefined) => line?.split(';')[0].slice(line.indexOf('=') + 1);

/**
 * Sign-in with OpenID Connect against a real provider (oidc-provider, in this process): the
 * Authorization Code flow with PKCE, the person matched by the e-mail the provider verified, a web
 * session on success and the page asked for; on any failure the sign-in page with a short reason and
 * no session.
 */
describe('sign-in with OpenID Connect', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let organization: string;
  const http = () => stack.http();

  beforeAll(async () => {
    provider = await TestOidcProvider.start({ redirectUri: REDIRECT_URI });
    stack = await TestStack.start(provider.env());
    organization = await createOrganization(stack, 'OIDC', 'Europe/Brussels');
  });
  afterAll(async () => {
    await stack?.stop();
    await provider?.stop();
  });

  /** A person of the suite's organisation, and an account at the provider with their e-mail (as given). */
  async function personWithAccount(emailVerified: boolean, email?: (person: TestPerson) => string) {
    const person = await createPerson(stack, organization);
    const account = { id: randomUUID(), email: email ? email(person) : person.email, emailVerified };
    provider.addAccount(account);
    return { person, account };
  }

  /** `GET /v1/auth/oidc/start`: the redirect to the provider and the pending sign-in's cookie. */
  async function start(next = '/exchanges?view=week') {
    const response = await http()
      .get(`/v1/auth/oidc/start?next=${encodeURIComponent(next)}`)
      .expect(302);
    return { location: new URL(response.headers.location), cookie: valueOf(setCookie(response, 'liaison_oidc'))!, response };
  }

  /** The provider's answer to the start, as `accountId`, brought back to the callback with the pending sign-in's cookie. */
  async function signIn(accountId: string, next?: string, alter: (back: URL) => void = () => undefined) {
    const { location, cookie } = await start(next);
    const back = await provider.authorize(location.href, accountId);
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
    alter(back);
    return http().get(`${back.pathname}${back.search}`).set('Cookie', `liaison_oidc=${cookie}`).expect(302);
  }

  /** The answer sends the browser to the sign-in page with this reason, without a session, and clears the pending sign-in. */
  function refused(response: Response, code: string): void {
    expect(response.headers.location).toBe(`/sign-in?error=${code}`);
    expect(setCookie(response, 'liaison_session')).toBeUndefined();
    expect(setCookie(response, 'liaison_oidc')).toMatch(/^liaison_oidc=;.*Max-Age=0/);
  }

  it('sends the browser to the provider with PKCE (S256), a state and a nonce, kept in a sealed HttpOnly cookie', async () => {
    const { location, cookie, response } = await start('/exchanges/1');
    expect(`${location.origin}`).toBe(provider.issuer);
    const params = Object.fromEntries(location.searchParams);
    expect(params).toMatchObject({
      client_id: provider.clientId,
      redirect_uri: REDIRECT_URI,
      response_type: 'code',
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(params.state).toMatch(/^[\w-]{20,}$/);
    expect(params.nonce).toMatch(/^[\w-]{20,}$/);
    const line = setCookie(response, 'liaison_oidc')!;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\/v1\/auth\/oidc/);
    expect(line).toMatch(/; Max-Age=600/);
    expect(line).not.toMatch(/Secure/); // PUBLIC_BASE_URL is http here
    // Sealed: neither the state, the nonce nor the next page can be read in it.
    const opened = Buffer.from(cookie, 'base64url').toString('latin1');
    for (const clear of [params.state, params.nonce, '/exchanges/1']) expect(opened).not.toContain(clear);
  });

  it('signs in the person whose verified e-mail it is (without regard to case), and lands on the page asked for', async () => {
    const { person, account } = await personWithAccount(true, (p) => p.email.toUpperCase());
    const response = await signIn(account.id, '/exchanges?view=week');
    expect(response.headers.location).toBe('/exchanges?view=week');
    const line = setCookie(response, 'liaison_session');
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Lax/);
    expect(line).toMatch(/; Path=\//);
    expect(line).toMatch(/; Max-Age=[1-9]\d*/);
    expect(setCookie(response, 'liaison_oidc')).toMatch(/Max-Age=0/);
    expect(response.headers['cache-control']).toBe('no-store');

    const me = await http()
      .get('/v1/me')
      .set('Cookie', `liaison_session=${valueOf(line)}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: person.id, email: person.email });
    const audit = await auditOf(stack, person.id);
    expect(audit).toContainEqual(expect.objectContaining({ action: 'auth.session.open', actorId: person.id }));
  });

  it('lands on / when the page asked for is not a path of this site', async () => {
    const { account } = await personWithAccount(true);
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'exchanges']) {
      expect((await signIn(account.id, next)).headers.location).toBe('/');
    }
  });

  it('refuses an e-mail the provider does not say it verified', async () => {
    const { account } = await personWithAccount(false);
    refused(await signIn(account.id), 'oidc_unverified');
  });

  it('refuses an e-mail no person has, and a deactivated person', async () => {
    const { account: stranger } = await personWithAccount(true, () => `nobody-${randomUUID().slice(0, 8)}@oidc.example.org`);
    refused(await signIn(stranger.id), 'oidc_no_account');

    const { person, account } = await personWithAccount(true);
    await http().post(`/v1/people/${person.id}/deactivate`).auth(ADMIN_TOKEN, bearer).expect(200);
    refused(await signIn(account.id), 'oidc_no_account');
  });

  it('refuses a state that is not the one the sign-in started with, and a callback without its cookie', async () => {
    const { account } = await personWithAccount(true);
    refused(await signIn(account.id, '/', (back) => back.searchParams.set('state', `${back.searchParams.get('state')}x`)), 'oidc_state');

    const { location } = await start();
    const back = await provider.authorize(location.href, account.id);
    refused(await http().get(`${back.pathname}${back.search}`).expect(302), 'oidc_state');
    // A cookie that is not one the API sealed opens nothing either.
    const forged = Buffer.from(JSON.stringify({ state: back.searchParams.get('state') })).toString('base64url');
    refused(await http().get(`${back.pathname}${back.search}`).set('Cookie', `liaison_oidc=${forged}`).expect(302), 'oidc_state');
  });

  it('refuses a code used twice, and the provider’s error', async () => {
    const { account } = await personWithAccount(true);
    const { location, cookie } = await start();
    const back = await provider.authorize(location.href, account.id);
    const first = await http().get(`${back.pathname}${back.search}`).set('Cookie', `liaison_oidc=${cookie}`).expect(302);
    expect(setCookie(first, 'liaison_session')).toBeDefined();
    refused(await http().get(`${back.pathname}${back.search}`).set('Cookie', `liaison_oidc=${cookie}`).expect(302), 'oidc_failed');

    const again = await start();
    const state = again.location.searchParams.get('state')!;
    const denied = await http()
      .get(`/v1/auth/oidc/callback?error=access_denied&state=${state}`)
      .set('Cookie', `liaison_oidc=${again.cookie}`)
      .expect(302);
    refused(denied, 'oidc_denied');
  });
});

describe('sign-in with OpenID Connect, not configured', () => {
  let stack: TestStack;
  beforeAll(async () => (stack = await TestStack.start()));
  afterAll(async () => stack?.stop());

  it('answers 404 AUTH.OIDC_NOT_CONFIGURED on both routes', async () => {
    for (const path of ['/v1/auth/oidc/start?next=/', '/v1/auth/oidc/callback?code=x&state=y']) {
      const response = await stack.http().get(path).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, code: 'AUTH.OIDC_NOT_CONFIGURED' });
    }
  });
});

describe('sign-in with OpenID Connect, the provider unreachable', () => {
  let stack: TestStack;
  beforeAll(async () => {
    // Port 9 (discard): nothing listens there on a test machine, so discovery is refused at once.
    stack = await TestStack.start({ OIDC_ISSUER: 'http://127.0.0.1:9', OIDC_CLIENT_ID: 'liaison', OIDC_CLIENT_SECRET: 'x'.repeat(32) });
  });
  afterAll(async () => stack?.stop());

  it('sends the browser to the sign-in page with oidc_failed, not a 500', async () => {
    const response = await stack.http().get('/v1/auth/oidc/start?next=/').expect(302);
    expect(response.headers.location).toBe('/sign-in?error=oidc_failed');
    expect(response.headers['set-cookie']).toBeUndefined();
  });
});
