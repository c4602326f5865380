import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { createExchange, exchangeBody, useStack } from '../support/exchanges';
import { createPerson, inSeconds, TestPerson } from '../support/fixtures';
import { expectAccessible, pageErrors, screenshot, signIn } from '../support/web';

const DAY = 86_400;

/**
 * My agenda's "Waiting for me": what the API says waits for the signed-in person, at the top of
 * the page, each entry linking to where it is done, due times in the person's zone.
 */
describe('My agenda: waiting for me', () => {
  const world = useStack(0, {}, { ownDatabase: true });
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let coordinator: TestPerson;
  let soon: Record<string, any>;
  let later: Record<string, any>;

  beforeAll(async () => {
    const { stack, cast } = world;
    coordinator = await createPerson(stack, cast.nato, { roles: ['coordinator', 'participant'], email: true, timezone: 'Asia/Tokyo' });
    // Its confirmation deadline (seven days before the start) has passed: overdue.
    soon = await createExchange(stack, cast.unCoordinator, exchangeBody(cast, { startsAt: inSeconds(2 * DAY), participantIds: [] }));
    later = await createExchange(stack, cast.unCoordinator, exchangeBody(cast, { startsAt: inSeconds(20 * DAY), participantIds: [] }));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    errors = pageErrors(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows a NATO coordinator the exchanges awaiting NATO’s confirmation, the overdue one marked', async () => {
    await signIn(page, world.stack, coordinator.email);
    const waiting = page.getByRole('region', { name: 'Waiting for me' });
    await waiting.getByRole('heading', { name: /Exchanges to confirm/ }).waitFor();
    const entries = waiting.getByRole('listitem');
    // By due time: the overdue one first, then the later one.
    await entries.nth(1).waitFor();
    expect(await entries.count()).toBe(2);
    await entries
      .nth(0)
      .getByRole('link', { name: soon.title as string })
      .waitFor();
    await entries.nth(0).getByText('overdue').waitFor();
    await entries.nth(0).getByText(`Confirm for ${world.cast.nato}`).waitFor();
    await entries
      .nth(1)
      .getByRole('link', { name: later.title as string })
      .waitFor();
    expect(await entries.nth(1).getByText('overdue').count()).toBe(0);
    // The due time in the coordinator's zone (Tokyo): the deadline of the later one, seven days before its start.
    const deadline = new Date(Date.parse(later.startsAt as string) - 7 * DAY * 1000);
    const shown = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Asia/Tokyo',
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
    }).format(deadline);
    expect(await entries.nth(1).locator('time').innerText()).toBe(shown);
    await expectAccessible(page, 'my agenda, waiting for me');
    await screenshot(page, 'my-agenda-waiting');
  });

  it('leads to the exchange, and passes the checks at 320 px', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await expectAccessible(page, 'my agenda, waiting for me, 320 px');
    await screenshot(page, 'my-agenda-waiting-320');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page
      .getByRole('region', { name: 'Waiting for me' })
      .getByRole('link', { name: later.title as string })
      .click();
    await page.waitForURL((url) => url.pathname === `/exchanges/${later.id as string}`);
  });

  it('says so when nothing is waiting', async () => {
    const participant = await createPerson(world.stack, world.cast.nato, { email: true });
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const fresh = await other.newPage();
      await signIn(fresh, world.stack, participant.email);
      await fresh.getByRole('region', { name: 'Waiting for me' }).getByText('Nothing is waiting for you.').waitFor();
      await expectAccessible(fresh, 'my agenda, nothing waiting');
    } finally {
      await other.close();
    }
  });

  it('logged no error on the way (no CSP violation, no uncaught exception)', () => {
    expect(errors).toEqual([]);
  });
});
