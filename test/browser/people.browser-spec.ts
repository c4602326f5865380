import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { useStack } from '../support/exchanges';
import { expectAccessible, pageErrors, screenshot, signIn } from '../support/web';

/**
 * The people page (`/people`) in Debian's chromium against the real stack: a coordinator lists
 * their organisation's people, adds one (whose token is shown once) and deactivates them; a
 * participant, whom the API does not let list people, reads the API's refusal.
 */
describe('the people page', () => {
  const world = useStack(2);
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let origin: string;
  const newcomer = { name: 'Amina Diallo', email: `amina.${Date.now()}@un.example.org` };

  beforeAll(async () => {
    origin = await world.stack.baseUrl();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = pageErrors(page);
    await signIn(page, world.stack, world.cast.unCoordinator.email);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
  });

  it("lists the coordinator's organisation", async () => {
    await page.goto(`${origin}/people`);
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    expect(await page.title()).toBe('People · Liaison');
    await page
      .getByRole('heading', { name: /^Person p-/ })
      .first()
      .waitFor();
    // The UN coordinator and the cast's one UN participant.
    expect(await page.getByRole('main').getByRole('listitem').count()).toBe(2);
    await page.getByRole('link', { name: world.cast.participants[1].email }).waitFor();
    await expectAccessible(page, 'people');
    await screenshot(page, 'people');
  });

  it('adds a person and shows their token once', async () => {
    await page.getByRole('button', { name: 'Add person' }).click();
    const form = page.getByRole('dialog', { name: 'Add a person' });
    await form.getByRole('textbox', { name: 'Name' }).fill(newcomer.name);
    await form.getByRole('textbox', { name: 'E-mail' }).fill(newcomer.email);
    expect(await form.getByRole('textbox', { name: 'Organisation code' }).inputValue()).toBe(world.cast.un);
    expect(await form.getByRole('checkbox', { name: 'Participant' }).isChecked()).toBe(true);
    await expectAccessible(page, 'people, add a person');
    await screenshot(page, 'people-add');
    await form.getByRole('button', { name: 'Add person' }).click();

    const secret = page.getByRole('dialog', { name: `${newcomer.name} is added: their API token` });
    const token = await secret.getByRole('textbox', { name: 'API token' }).inputValue();
    const me = await (await world.stack.client(token)).GET('/v1/me');
    expect(me.data).toMatchObject({ name: newcomer.name, email: newcomer.email, organization: world.cast.un, roles: ['participant'] });
    await secret.getByRole('button', { name: 'Done' }).click();
    await secret.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(token);
    await page.getByRole('heading', { name: new RegExp(`^${newcomer.name}`) }).waitFor();
  });

  it('deactivates them after confirming', async () => {
    await page.getByRole('button', { name: `Deactivate ${newcomer.name}` }).click();
    const confirm = page.getByRole('alertdialog', { name: `Deactivate ${newcomer.name}?` });
    await expectAccessible(page, 'people, deactivate');
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: `Reactivate ${newcomer.name}` }).waitFor();
    await page.getByRole('heading', { name: `${newcomer.name} Deactivated` }).waitFor();
  });

  it('passes the checks at 320 px', async () => {
    await page.setViewportSize({ width: 320, height: 800 });
    await expectAccessible(page, 'people, 320 px');
    await screenshot(page, 'people-320');
  });

  it('logged no error on the way (no CSP violation, no uncaught exception)', () => {
    expect(errors).toEqual([]);
  });

  it("shows a participant the API's refusal", async () => {
    const other = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    try {
      const participant = await other.newPage();
      await signIn(participant, world.stack, world.cast.participants[0].email);
      await participant.goto(`${origin}/people`);
      await participant.getByRole('alert').filter({ hasText: 'only admins and coordinators may list people' }).waitFor();
      await expectAccessible(participant, 'people, refused');
      await screenshot(participant, 'people-refused');
    } finally {
      await other.close();
    }
  });
});
