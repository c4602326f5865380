import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { useStack } from '../support/exchanges';
import { createPerson, WAIT_MS, type TestPerson } from '../support/fixtures';
import { expectAccessible, pageErrors, screenshot, signIn } from '../support/web';

/** react-aria's checkbox input is visually hidden under its drawn box: the click lands on the box, inside the input's label. */
const FORCE = { force: true };

/**
 * A series made through the web app's form: the rule builder says the rule in words and shows the
 * next dates from the API's preview as it changes; the series page shows the rule, the occurrences
 * and takes pause, resume, amend and end; the list finds the series through its exchanges.
 */
describe('a series in the web app', () => {
  const world = useStack(0);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let coordinator: TestPerson;
  let origin: string;
  const title = `UN-NATO staff talks ${Date.now().toString(36)}`;

  const dialogStep = async (
    step: string,
    fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => {},
    submit = step,
  ) => {
    await page.getByRole('button', { name: step, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await fill(dialog);
    await dialog.getByRole('button', { name: submit, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    // A coordinator in New York, so that the preview shows the series' Brussels time beside theirs.
    coordinator = await createPerson(world.stack, world.cast.un, {
      roles: ['coordinator', 'participant'],
      email: true,
      timezone: 'America/New_York',
    });
    origin = await world.stack.baseUrl();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    page = await context.newPage();
    errors = pageErrors(page);
    await signIn(page, world.stack, coordinator.email);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('makes a series through the form, with the rule in words and the next dates as it is built', async () => {
    const { un, nato } = world.cast;
    await page.goto(`${origin}/series/new`);
    await page.getByRole('heading', { name: 'New series' }).waitFor();
    await page.getByLabel('Title').fill(title);
    await page.getByRole('checkbox', { name: new RegExp(`^${nato} \\(`) }).check(FORCE);
    await page.getByRole('checkbox', { name: 'Protection of civilians' }).check(FORCE);
    await page.getByLabel('Every how many weeks').fill('2');
    await page.getByLabel('Every how many weeks').press('Tab');
    for (const day of ['Monday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']) {
      await page.getByRole('checkbox', { name: day, exact: true }).uncheck(FORCE);
    }
    await page.getByRole('checkbox', { name: 'Tuesday', exact: true }).check(FORCE);
    await page.getByRole('spinbutton', { name: /^hour/i }).click();
    await page.keyboard.type('15');
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    await zone.fill('');
    await zone.pressSequentially('Brussels');
    await page.getByRole('option', { name: 'Europe/Brussels' }).click();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    expect(await zone.inputValue()).toBe('Europe/Brussels');

    const words = `every second Tuesday at 15:00, Brussels time; hosts alternate ${un}, ${nato}`;
    await page.getByText(words, { exact: true }).waitFor();
    // The preview follows: at least three dates, each a Tuesday at 15:00 in Brussels, shown in New York
    // time (in the browser's locale, en-US: 12-hour clock), a fortnight apart.
    const dates = page.locator('.preview-list li').filter({ hasText: /(15:00|03:00 PM) Brussels time/ });
    await dates.nth(2).waitFor();
    const texts = await dates.allTextContents();
    for (const text of texts) expect(text).toMatch(/^Tue.*(09|10):00 AM.*(15:00|03:00 PM) Brussels time$/);
    const days = await dates.locator('time').evaluateAll((times) => times.map((t) => Date.parse(t.getAttribute('datetime') ?? '')));
    expect(Math.round((days[1] - days[0]) / 86_400_000)).toBe(14);
    await expectAccessible(page, 'new series');
    await screenshot(page, 'series-new');

    await page.getByRole('button', { name: 'Create series' }).click();
    await page.waitForURL((url) => /^\/series\/[0-9a-f-]{36}$/.test(url.pathname));
    await page.getByRole('heading', { name: title, level: 1 }).waitFor();
    await page.getByText(words, { exact: true }).waitFor();
    // Its workflow makes the first occurrences just after (slower on a busy machine); the page looks again until they show.
    await page
      .locator('.exchange-list a[href^="/exchanges/"]')
      .nth(1)
      .waitFor({ timeout: 3 * WAIT_MS });
    await expectAccessible(page, 'series');
    await screenshot(page, 'series');
  });

  it('pauses, resumes, amends and ends the series, each through its dialog', async () => {
    const status = page.locator('.page-heading .tag');
    await dialogStep('Pause');
    await page.locator('.page-heading .tag', { hasText: 'paused' }).waitFor();
    await dialogStep('Resume');
    await page.locator('.page-heading .tag', { hasText: 'active' }).waitFor();

    await page.getByRole('button', { name: 'Amend', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Title').fill(`${title} (amended)`);
    await dialog.locator('.preview-list li').nth(2).waitFor();
    await expectAccessible(page, 'series, amend dialog');
    await screenshot(page, 'series-amend-dialog');
    await dialog.getByRole('button', { name: 'Save changes' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: `${title} (amended)`, level: 1 }).waitFor();

    await dialogStep('End series', async (confirm) => {
      await confirm.getByText('This cannot be undone.', { exact: false }).waitFor();
    });
    await page.getByText('This series has ended.').waitFor();
    expect(await status.textContent()).toBe('ended');
  });

  it('lists the series (GET /v1/series)', async () => {
    await page.goto(`${origin}/series`);
    await page.getByRole('heading', { name: 'Series', level: 1 }).waitFor();
    await page.getByRole('link', { name: `${title} (amended)` }).waitFor();
    await expectAccessible(page, 'series list');
    await screenshot(page, 'series-list');
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(`${origin}/series/new`);
    await page.getByRole('heading', { name: 'New series' }).waitFor();
    await page.locator('.preview-list li').nth(2).waitFor();
    await expectAccessible(page, 'new series, 320 px');
    await screenshot(page, 'series-new-320');
  });

  it('logged no error on the way', () => {
    expect(errors).toEqual([]);
  });
});
