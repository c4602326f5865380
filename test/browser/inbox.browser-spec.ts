import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { createExchange, exchangeBody, inboxOf, planningLeadMs, useStack } from '../support/exchanges';
import { createPerson, inSeconds, TestPerson, waitFor } from '../support/fixtures';
import { expectAccessible, pageErrors, screenshot, signIn } from '../support/web';

/**
 * The inbox (`/inbox`) in Debian's chromium against the real stack: an exchange reminder delivered
 * in-app shows unread, with the header's count; "Mark as read" takes it off the unread list and the count.
 */
describe('the inbox page', () => {
  const world = useStack(0);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let person: TestPerson;
  let exchange: Record<string, any>;

  beforeAll(async () => {
    const { stack, cast } = world;
    person = await createPerson(stack, cast.nato, { timezone: 'Europe/Brussels' });
    // A reminder due `lead` seconds from now: planned in time on this machine, then delivered in-app.
    const lead = Math.ceil((await planningLeadMs(stack, cast)) / 1000);
    exchange = await createExchange(
      stack,
      cast.unCoordinator,
      exchangeBody(cast, { startsAt: inSeconds(lead + 20), participantIds: [person.id], reminderOffsets: ['PT20S'] }),
    );
    await waitFor(
      `the reminder of ${exchange.id as string} in the inbox`,
      () => inboxOf(stack, person),
      (items) => items.some((item) => item.exchangeId === exchange.id),
    );
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = pageErrors(page);
    await signIn(page, stack, person.email);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows the reminder unread, linking to its exchange, and the count in the header', async () => {
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Inbox 1 unread' }).click();
    await page.waitForURL((url) => url.pathname === '/inbox');
    await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor();
    expect(await page.title()).toBe('Inbox · Liaison');
    const item = page.getByRole('listitem').filter({ hasText: exchange.title as string });
    const link = item.getByRole('link', { name: new RegExp(exchange.title as string) });
    expect(await link.getAttribute('href')).toBe(`/exchanges/${exchange.id as string}`);
    await item.getByText('Unread', { exact: true }).waitFor();
    await expectAccessible(page, 'inbox');
    await screenshot(page, 'inbox');
  });

  it('marks it read from the unread list: it leaves the list and the header count', async () => {
    await page.getByRole('radio', { name: 'Unread' }).click();
    await page.waitForURL((url) => url.searchParams.get('unread') === 'true');
    const item = page.getByRole('listitem').filter({ hasText: exchange.title as string });
    await item.getByRole('button', { name: /^Mark as read/ }).click();
    await page.getByText('Nothing unread.').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Inbox', exact: true }).waitFor();
    await expectAccessible(page, 'inbox, unread');
    await screenshot(page, 'inbox-unread-empty');

    await page.getByRole('radio', { name: 'All' }).click();
    await page.waitForURL((url) => !url.searchParams.has('unread'));
    await item.getByText('Read', { exact: true }).waitFor();
    expect((await inboxOf(world.stack, person)).find((n) => n.exchangeId === exchange.id)?.readAt).toEqual(expect.any(String));
  });

  it('passes the checks at 320 px', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await expectAccessible(page, 'inbox, 320 px');
    await screenshot(page, 'inbox-320');
  });

  it('logged no error on the way (no CSP violation, no uncaught exception)', () => {
    expect(errors).toEqual([]);
  });
});
