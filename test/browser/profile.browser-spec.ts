import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { useStack } from '../support/exchanges';
import { createPerson, TestPerson } from '../support/fixtures';
import { expectAccessible, pageErrors, screenshot, signIn } from '../support/web';

/**
 * The profile page (`/profile`) in Debian's chromium against the real stack: settings saved and
 * still there after a reload, the calendar address copied, another browser's session ended, and a
 * new API token shown once; each state passes axe's WCAG A/AA rules.
 */
describe('the profile page', () => {
  const world = useStack(0);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let person: TestPerson;
  let origin: string;

  beforeAll(async () => {
    // A participant: every person sets their own time zone, channels and quiet hours (PATCH /v1/me).
    person = await createPerson(world.stack, world.cast.nato, { timezone: 'Europe/Brussels' });
    origin = await world.stack.baseUrl();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    page = await context.newPage();
    errors = pageErrors(page);
    await signIn(page, world.stack, person.email);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it('shows my details and copies the calendar address, made on this first visit', async () => {
    await page.goto(`${origin}/profile`);
    await page.getByRole('heading', { name: 'Profile', level: 1 }).waitFor();
    expect(await page.title()).toBe('Profile · Liaison');
    await page.getByRole('heading', { name: 'My details' }).waitFor();
    const address = page.getByRole('textbox', { name: 'Calendar address' });
    const url = await address.inputValue();
    expect(url).toMatch(/^https?:\/\/\S+\/v1\/calendar\/\S+/);
    await page.getByRole('button', { name: 'Copy the calendar address' }).click();
    await page.getByText('Copied to the clipboard.').waitFor();
    expect(await clipboard(page)).toBe(url);
    await expectAccessible(page, 'profile');
    await screenshot(page, 'profile');
  });

  it('saves my time zone and quiet hours, still there after a reload', async () => {
    const zone = page.getByRole('combobox', { name: 'Time zone' });
    // Scrolled to and focused first: a popover closes when the page scrolls (react-aria), as Playwright's fill would.
    await zone.click();
    await zone.fill('Tokyo');
    await page.getByRole('option', { name: 'Asia/Tokyo' }).click();
    expect(await zone.inputValue()).toBe('Asia/Tokyo');
    await typeTime(page, 'Quiet from', '2200');
    await typeTime(page, 'Quiet until', '0630');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Your settings are saved.').waitFor();

    await page.reload();
    await page.getByRole('heading', { name: 'My details' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Time zone' }).inputValue()).toBe('Asia/Tokyo');
    await page.getByText('22:00–06:30').waitFor();
    expect(await segments(page, 'Quiet from')).toBe('22:00');
    expect(await segments(page, 'Quiet until')).toBe('06:30');
    // The address is shown once: this second read of the feed says when it was made instead.
    await page.getByText(/Your address was made on/).waitFor();
    expect(await page.getByRole('textbox', { name: 'Calendar address' }).count()).toBe(0);
  });

  it('marks this browser, and ends the session of another, which is sent to sign in', async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const otherPage = await other.newPage();
      await signIn(otherPage, world.stack, person.email);

      await page.reload();
      const sessions = page.getByRole('region', { name: 'Where you are signed in' });
      await sessions.getByRole('listitem').nth(1).waitFor();
      expect(await sessions.getByRole('listitem').count()).toBe(2);
      await sessions.getByText('This browser').waitFor();
      const end = sessions.getByRole('button', { name: /^End the session of/ });
      expect(await end.count()).toBe(1);
      await end.click();
      await sessions.getByRole('button', { name: /^End the session of/ }).waitFor({ state: 'detached' });
      expect(await sessions.getByRole('listitem').count()).toBe(1);

      await otherPage.goto(`${origin}/profile`);
      await otherPage.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/profile');
    } finally {
      await other.close();
    }
  });

  it('issues a new API token, shows it once, and the earlier one is revoked', async () => {
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await tokens.getByRole('button', { name: /^Revoke the token of/ }).waitFor();
    await tokens.getByRole('button', { name: 'New token' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Issue a new API token?' });
    await confirm.getByText('A new token revokes your earlier ones').waitFor();
    await confirm.getByRole('button', { name: 'Issue token' }).click();

    const dialog = page.getByRole('dialog', { name: 'Your new API token' });
    await dialog.getByText('Your earlier tokens are revoked.').waitFor();
    const token = await dialog.getByRole('textbox', { name: 'API token' }).inputValue();
    expect(token.length).toBeGreaterThan(20);
    await dialog.getByRole('button', { name: 'Copy the API token' }).click();
    await dialog.getByText('Copied to the clipboard.').waitFor();
    expect(await clipboard(page)).toBe(token);
    await expectAccessible(page, 'profile, new token');
    await screenshot(page, 'profile-new-token');

    const api = await world.stack.client(token);
    expect((await api.GET('/v1/me')).data?.id).toBe(person.id);
    expect((await (await world.stack.client(person.token)).GET('/v1/me')).response.status).toBe(401);

    await dialog.getByRole('button', { name: 'Done' }).click();
    await dialog.waitFor({ state: 'detached' });
    // Once: the secret is nowhere on the page any more.
    expect(await page.content()).not.toContain(token);
    await tokens.getByText(/^Revoked /).waitFor();
    expect(await tokens.getByRole('button', { name: /^Revoke the token of/ }).count()).toBe(1);
  });

  it('passes the checks at 320 px', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await expectAccessible(page, 'profile, 320 px');
    await screenshot(page, 'profile-320');
  });

  it('logged no error on the way (no CSP violation, no uncaught exception)', () => {
    expect(errors).toEqual([]);
  });
});

/** Types `hhmm` into the hour and minute of the time field labelled `label`. */
async function typeTime(page: Page, label: string, hhmm: string): Promise<void> {
  const field = page.getByRole('group', { name: label });
  await field.getByRole('spinbutton').first().click();
  await page.keyboard.type(hhmm);
}

/** What the time field labelled `label` shows: `22:00`. */
async function segments(page: Page, label: string): Promise<string> {
  const values = await page.getByRole('group', { name: label }).getByRole('spinbutton').allTextContents();
  return values.join(':');
}

/** What the page's clipboard holds (the test's context may read it). */
function clipboard(page: Page): Promise<string> {
  return page.evaluate<string>('navigator.clipboard.readText()');
}
