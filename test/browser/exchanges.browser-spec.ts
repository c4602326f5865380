import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { act, createExchange, exchangeBody, statusReached, useStack } from '../support/exchanges';
import { createPerson, inSeconds, TestPerson } from '../support/fixtures';
import { answered } from '../support/typed-client';
import { expectAccessible, pageErrors, screenshot, signIn } from '../support/web';

const DAY = 86_400;

/**
 * The Exchanges page (`/exchanges`) in Debian's chromium against the real stack: a NATO coordinator
 * sees the exchanges of the suite's own UN and NATO, times in their zone with the host's beside
 * them, narrows the list by status and by level (each filter in the URL), and reaches the new
 * exchange form from My agenda.
 */
describe('Exchanges: the list', () => {
  const world = useStack(0);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let coordinator: TestPerson;
  const titles: Record<'working' | 'senior' | 'confirmed' | 'cancelled', string> = {
    working: '',
    senior: '',
    confirmed: '',
    cancelled: '',
  };

  beforeAll(async () => {
    const { stack, cast } = world;
    coordinator = await createPerson(stack, cast.nato, { roles: ['coordinator', 'participant'], email: true, timezone: 'Asia/Tokyo' });
    const make = async (days: number, overrides: Record<string, unknown> = {}) =>
      createExchange(stack, cast.unCoordinator, exchangeBody(cast, { startsAt: inSeconds(days * DAY), participantIds: [], ...overrides }));
    const working = await make(20);
    const senior = await make(21, { level: 'senior', marking: 'RESTRICTED' });
    const confirmed = await make(22);
    const cancelled = await make(23, { level: 'senior' });
    for (const [person, organization] of [
      [cast.unCoordinator, cast.un],
      [cast.natoCoordinator, cast.nato],
    ] as const) {
      await answered(`confirm for ${organization}`, 200, act(stack, person, confirmed.id as string, 'confirm', { organization }));
    }
    await statusReached(stack, cast.unCoordinator, confirmed.id as string, 'confirmed');
    await answered('cancel', 200, act(stack, cast.unCoordinator, cancelled.id as string, 'cancel', { reason: 'Postponed' }));
    await statusReached(stack, cast.unCoordinator, cancelled.id as string, 'cancelled');
    Object.assign(titles, {
      working: working.title as string,
      senior: senior.title as string,
      confirmed: confirmed.title as string,
      cancelled: cancelled.title as string,
    });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page = await context.newPage();
    errors = pageErrors(page);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  /** The titles the list shows now, in its order. */
  const listed = async () => page.locator('.exchange-list .exchange__title a').allTextContents();

  it('follows "New exchange" from My agenda to the new exchange form', async () => {
    await signIn(page, world.stack, coordinator.email);
    await page.getByRole('heading', { name: 'My agenda', level: 1 }).waitFor();
    await page.getByRole('link', { name: 'New exchange' }).click();
    await page.waitForURL((url) => url.pathname === '/exchanges/new');
    await page.getByRole('heading', { name: 'New exchange', level: 1 }).waitFor();
  });

  it('shows the coordinator every exchange of its organisations, by start time, in its zone with the host’s beside it', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Exchanges', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/exchanges');
    await page.getByRole('heading', { name: 'Exchanges', level: 1 }).waitFor();
    await page.getByRole('link', { name: titles.cancelled }).waitFor();
    expect(await listed()).toEqual([titles.working, titles.senior, titles.confirmed, titles.cancelled]);
    const row = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: titles.senior }) });
    await row.getByText('RESTRICTED').waitFor();
    await row.getByText(/Brussels time/).waitFor();
    await row.getByText(`Hosted by ${world.cast.un}`, { exact: false }).waitFor();
    await expectAccessible(page, 'exchanges');
    await screenshot(page, 'exchanges-list');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectAccessible(page, 'exchanges, 320 px');
    await screenshot(page, 'exchanges-list-320');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('narrows the list by status, the filter in the URL', async () => {
    await choose(page, 'Status', 'Confirmed');
    await page.waitForURL((url) => url.searchParams.get('status') === 'confirmed');
    await page.getByRole('link', { name: titles.working }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: titles.confirmed }).waitFor();
    expect(await listed()).toEqual([titles.confirmed]);
  });

  it('narrows it by level, and shows the same list on a reload of its address', async () => {
    await choose(page, 'Status', 'Any');
    await page.waitForURL((url) => !url.searchParams.has('status'));
    await choose(page, 'Level', 'Senior');
    await page.waitForURL((url) => url.searchParams.get('level') === 'senior');
    await page.getByRole('link', { name: titles.working }).waitFor({ state: 'detached' });
    await page.getByRole('link', { name: titles.cancelled }).waitFor();
    expect(await listed()).toEqual([titles.senior, titles.cancelled]);
    await page.reload();
    await page.getByRole('link', { name: titles.cancelled }).waitFor();
    expect(await listed()).toEqual([titles.senior, titles.cancelled]);
    await expectAccessible(page, 'exchanges, senior level');
  });

  it('logged no error on the way (no CSP violation, no uncaught exception)', () => {
    expect(errors).toEqual([]);
  });
});

/** Picks `option` (its name's start) in the select labelled `label`. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  // A select's button is named by its value and its label.
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: new RegExp(`^${option}`) }).click();
}
