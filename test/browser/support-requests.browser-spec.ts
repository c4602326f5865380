import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { useStack } from '../support/exchanges';
import { supportCast, type SupportCast } from '../support/support-requests';
import type { TestPerson } from '../support/fixtures';
import { expectAccessible, pageErrors, screenshot, signIn } from '../support/web';

/** A person's own browser context, signed in through the web app. */
interface Side {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/**
 * A support request walked from submission to its close in the web app, each person in a browser
 * context of their own: the requesting coordinator submits it through the form; the providing
 * coordinator acknowledges and recommends; a senior-level person of the providing organisation
 * decides; the providing coordinator starts the delivery and delivers; the requesting side closes.
 * Every page passes axe's WCAG A/AA rules and is photographed.
 */
describe('a support request in the web app, from submission to close', () => {
  const world = useStack(0);
  let browser: Browser;
  let cast: SupportCast;
  let origin: string;
  const sides: Side[] = [];
  let requestPath: string;
  const title = `C-IED training ${Date.now().toString(36)}`;

  async function sideOf(person: TestPerson): Promise<Side> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const side = { context, page, errors: pageErrors(page) };
    sides.push(side);
    await signIn(page, world.stack, person.email);
    return side;
  }

  /** Opens the step's dialog, lets `fill` fill it, and sends it with its button. */
  async function takeStep(page: Page, step: string, fill: (dialog: ReturnType<Page['getByRole']>) => Promise<void> = async () => {}) {
    await page.getByRole('button', { name: step, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await fill(dialog);
    await dialog.getByRole('button', { name: step, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  const timelineEntry = (page: Page, words: string) => page.locator('.timeline__entry').filter({ hasText: words }).first().waitFor();

  beforeAll(async () => {
    cast = await supportCast(world.stack);
    origin = await world.stack.baseUrl();
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const side of sides) await side.context.close();
    await browser?.close();
  });

  it('the requesting coordinator submits it through the form', async () => {
    const { page } = await sideOf(cast.requester);
    await page.goto(`${origin}/support-requests/new`);
    await page.getByRole('heading', { name: 'New support request' }).waitFor();
    await page.getByLabel('Title').fill(title);
    await page.getByLabel('Description').fill('Two-week course for 20 engineers before the next rotation.');
    await page.getByLabel('Requesting mission or unit').fill('MINUSCA');
    await choose(page, 'Providing organisation', `${cast.providing} (`);
    await choose(page, 'Cooperation area', 'Support to peace operations (A4P)');
    await choose(page, 'A4P commitment area', 'Safety and security');
    await page.getByLabel('Links to attachments').fill('https://docs.example.org/c-ied-syllabus.pdf');
    await expectAccessible(page, 'new support request');
    await screenshot(page, 'support-request-new');

    await page.getByRole('button', { name: 'Submit request' }).click();
    await page.waitForURL((url) => /^\/support-requests\/[0-9a-f-]{36}$/.test(url.pathname));
    requestPath = new URL(page.url()).pathname;
    await page.getByRole('heading', { name: title }).waitFor();
    await page.getByText(/Acknowledgement: due in 2 working days/).waitFor();
    await timelineEntry(page, 'Submitted');

    await page.getByRole('textbox', { name: 'Message' }).fill('Could the course start a week later?');
    await page.getByRole('button', { name: 'Send message' }).click();
    await timelineEntry(page, 'Could the course start a week later?');
    await expectAccessible(page, 'support request, submitted');
    await screenshot(page, 'support-request-submitted');
  });

  it('the providing coordinator finds it in the filtered list, acknowledges it and recommends approval', async () => {
    const { page } = await sideOf(cast.provider);
    await page.goto(`${origin}/support-requests`);
    await page.getByRole('heading', { name: 'Support requests', level: 1 }).waitFor();
    await choose(page, 'Status', 'submitted');
    await page.waitForURL((url) => url.searchParams.get('status') === 'submitted');
    await page.getByRole('link', { name: title }).waitFor();
    await page
      .getByText(/Acknowledgement due in \d working days?/)
      .first()
      .waitFor();
    await expectAccessible(page, 'support requests, filtered');
    await screenshot(page, 'support-requests-list');

    await page.getByRole('link', { name: title }).click();
    await page.waitForURL((url) => url.pathname === requestPath);
    await takeStep(page, 'Acknowledge');
    await timelineEntry(page, 'submitted → acknowledged');
    await takeStep(page, 'Recommend', async (dialog) => {
      await dialog.getByRole('radio', { name: 'Approve' }).check();
      await dialog.getByLabel('Rationale').fill('Within the mobile training team’s capacity this quarter.');
      await expectAccessible(page, 'support request, recommend dialog');
      await screenshot(page, 'support-request-recommend-dialog');
    });
    await timelineEntry(page, 'acknowledged → recommended');
  });

  it('a senior-level person of the providing organisation decides', async () => {
    const { page } = await sideOf(cast.providerSenior);
    await page.goto(`${origin}${requestPath}`);
    await takeStep(page, 'Decide', async (dialog) => {
      await dialog.getByRole('radio', { name: 'Approve' }).check();
    });
    await timelineEntry(page, 'recommended → approved');
  });

  it('the providing coordinator starts the delivery and delivers', async () => {
    const { page } = sides[1];
    await page.reload();
    await takeStep(page, 'Start delivery');
    await timelineEntry(page, 'approved → in delivery');
    await takeStep(page, 'Deliver', async (dialog) => {
      await dialog.getByLabel('What was delivered').fill('Course held 3–14 May; 19 certified.');
    });
    await timelineEntry(page, 'in delivery → delivered');
    await page.getByText('No step is open to you on this request now.').waitFor();
  });

  it('the requesting coordinator closes it; the timeline has every step in order', async () => {
    const { page } = sides[0];
    await page.reload();
    await takeStep(page, 'Close');
    await timelineEntry(page, 'delivered → closed');
    const heads = await page.locator('.timeline__head').allTextContents();
    const order = ['Submitted', 'Wrote', 'Acknowledged', 'Recommended', 'Decided', 'Started delivery', 'Delivered', 'Closed'];
    expect(order.map((kind) => heads.findIndex((head) => head.includes(`· ${kind}`)))).toEqual(order.map((_, i) => i));
    expect(heads[0]).toContain('You');
    await expectAccessible(page, 'support request, closed');
    await screenshot(page, 'support-request-closed');
    await page.setViewportSize({ width: 320, height: 800 });
    await expectAccessible(page, 'support request, closed, 320 px');
    await screenshot(page, 'support-request-closed-320');
  });

  it('logged no error on the way but the people lists a participant may not read', () => {
    const unexpected = sides.flatMap((side) => side.errors).filter((error) => !/\/v1\/people\b.*403|403.*\/v1\/people\b/.test(error));
    expect(unexpected).toEqual([]);
  });
});

/** Picks `option` (its name's start) in the select labelled `label`. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  // A select's button is named by its value and its label.
  await page.getByRole('button', { name: label }).click();
  await page.getByRole('option', { name: new RegExp(`^${escape(option)}`) }).click();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
