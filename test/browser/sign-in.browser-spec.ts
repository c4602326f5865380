import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { createExchange, exchangeBody, useStack } from '../support/exchanges';
import { createPerson, inSeconds, TestPerson } from '../support/fixtures';
import { expectAccessible, pageErrors, screenshot, signIn } from '../support/web';

const DAY = 86_400;

/**
 * Signing in to the web app by e-mail link, in Debian's chromium against the real stack (on a
 * database of this file's own): a page asked for without a session leads to the sign-in page,
 * whose link leads back to that page; both pages pass axe's WCAG A/AA rules.
 */
describe('signing in to the web app', () => {
  const world = useStack(0, {}, { ownDatabase: true });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let person: TestPerson;
  let exchange: Record<string, any>;

  beforeAll(async () => {
    const { stack, cast } = world;
    person = await createPerson(stack, cast.nato, { email: true, timezone: 'Europe/Brussels' });
    exchange = await createExchange(
      stack,
      cast.unCoordinator,
      exchangeBody(cast, { startsAt: inSeconds(2 * DAY), timezone: 'America/New_York', participantIds: [person.id] }),
    );
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = pageErrors(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('sends a visitor to sign in, and the link back to the page asked for: My agenda', async () => {
    const origin = await world.stack.baseUrl();
    await page.goto(`${origin}/?view=list`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/?view=list');
    await page.getByRole('heading', { name: 'Sign in to Liaison' }).waitFor();
    expect(await page.title()).toBe('Sign in · Liaison');
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');

    expect(await signIn(page, world.stack, person.email)).toBe('/?view=list');
    await page.getByRole('heading', { name: 'My agenda' }).waitFor();
    await page.getByRole('link', { name: exchange.title as string }).waitFor();
    expect(await page.title()).toBe('My agenda · Liaison');
    await expectAccessible(page, 'my agenda');
    await screenshot(page, 'my-agenda');
  });

  it('shows the week, and passes the checks at 320 px', async () => {
    await page.getByRole('radio', { name: 'Week' }).click();
    await page.waitForURL((url) => url.searchParams.get('view') === 'week');
    await page.getByRole('link', { name: 'Next week' }).waitFor();
    await expectAccessible(page, 'my agenda, week');
    await screenshot(page, 'my-agenda-week');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectAccessible(page, 'my agenda, week, 320 px');
    await screenshot(page, 'my-agenda-week-320');
  });

  it('signs out, back to the sign-in page', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    const origin = await world.stack.baseUrl();
    await page.goto(`${origin}/series`);
    await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/series');
  });

  it('logged no error on the way (no CSP violation, no uncaught exception)', () => {
    expect(errors).toEqual([]);
  });
});
