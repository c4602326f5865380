import type { Browser, Page } from 'playwright-core';
import { launchChromium, resolveHostTo } from '../support/browser';
import { createOrganization, createPerson, TestPerson } from '../support/fixtures';
import { TestOidcProvider } from '../support/oidc-provider';
import { TestStack } from '../support/stack';
import { expectAccessible, pageErrors, screenshot } from '../support/web';

/** The test stack's public address: the redirect URI registered at the provider is under it. */
const PUBLIC = 'http://liaison.test';

/**
 * Single sign-on in the browser, with a real OpenID provider (`oidc-provider`): the sign-in page
 * offers it, the provider sends the browser back signed in to the page it asked for; a person the
 * provider vouches for but Liaison does not know is told so on the sign-in page.
 */
describe('signing in with single sign-on', () => {
  let provider: TestOidcProvider;
  let stack: TestStack;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let person: TestPerson;

  beforeAll(async () => {
    provider = await TestOidcProvider.start({ redirectUri: `${PUBLIC}/v1/auth/oidc/callback` });
    stack = await TestStack.start(provider.env(), { ownDatabase: true });
    person = await createPerson(stack, await createOrganization(stack, 'SSO', 'Europe/Brussels'), {
      roles: ['coordinator', 'participant'],
    });
    provider.addAccount({ id: 'amina', email: person.email.toUpperCase(), emailVerified: true, name: 'Amina' });
    provider.addAccount({ id: 'stranger', email: 'stranger@elsewhere.example.org', emailVerified: true });
    browser = await launchChromium([resolveHostTo('liaison.test', await stack.baseUrl())]);
    page = await (await browser.newContext()).newPage();
    errors = pageErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    await provider?.stop();
  });

  it('signs a person in through the provider and lands them on the page they asked for', async () => {
    provider.signInAs('amina');
    await page.goto(`${PUBLIC}/support-requests`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    const sso = page.getByRole('link', { name: 'Sign in with single sign-on' });
    await sso.waitFor();
    await expectAccessible(page, 'sign-in with single sign-on');
    await screenshot(page, 'sign-in-sso');
    await sso.click();
    await page.waitForURL((url) => url.host === 'liaison.test' && url.pathname === '/support-requests');
    const session = await page.evaluate(async () => (await fetch('/v1/auth/session')).json());
    expect(session).toMatchObject({ person: { id: person.id }, session: { method: 'oidc' } });
    // Chromium ignores helmet's Cross-Origin-Opener-Policy on plain http at a name that is not
    // loopback (as liaison.test is here) and says so; behind https (production) it applies.
    expect(errors.filter((error) => !error.includes('Cross-Origin-Opener-Policy header has been ignored'))).toEqual([]);
  });

  it('tells someone Liaison does not know why they are not signed in', async () => {
    const stranger = await (await browser.newContext()).newPage();
    provider.signInAs('stranger');
    await stranger.goto(`${PUBLIC}/sign-in`);
    await stranger.getByRole('link', { name: 'Sign in with single sign-on' }).click();
    await stranger.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('error') === 'oidc_no_account');
    await stranger.getByRole('alert').filter({ hasText: 'No active Liaison account' }).waitFor();
    await expectAccessible(stranger, 'sign-in refused');
  });
});
