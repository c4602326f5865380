import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { createExchange, exchangeBody, exchangeOf, planningLeadMs, useStack } from '../support/exchanges';
import { createPerson, inSeconds, TestPerson, waitFor, WAIT_MS } from '../support/fixtures';
import { expectAccessible, pageErrors, screenshot, signIn } from '../support/web';

const DAY = 86_400_000;

/** What the focus check needs of a DOM element (the tests' TypeScript has no DOM library). */
interface Focusable {
  ownerDocument: { activeElement: unknown };
  contains(other: unknown): boolean;
}

/** Presses Tab until `target` (or something inside it) has the focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator): Promise<void> {
  for (let presses = 0; presses < 120; presses++) {
    const focused = await target.evaluate((element: Focusable) => {
      const active = element.ownerDocument.activeElement;
      return element === active || element.contains(active);
    });
    if (focused) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target.toString()}`);
}

/** `[day, month, year]` of the date `days` from now in `timeZone`, as a person types them (en-GB order). */
function dateIn(days: number, timeZone: string): [string, string, string] {
  const [year, month, day] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(Date.now() + days * DAY))
    .split('-');
  return [day, month, year];
}

/**
 * The exchange and new exchange pages in Debian's chromium against the real stack (a database of
 * this file's own): a UN coordinator creates a UN–NATO exchange with the keyboard alone, NATO's
 * confirms it, a participant follows a reminder's link through sign-in, an agenda item proposed by
 * UN is accepted by NATO, and the minutes of an exchange that has just ended are drafted, compared
 * and approved by both sides until it is closed. Every page passes axe's WCAG A/AA rules.
 */
describe('the exchange pages', () => {
  const world = useStack(0, {}, { ownDatabase: true });
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let un: Page;
  let nato: Page;
  let unErrors: string[];
  let unCoordinator: TestPerson;
  let natoCoordinator: TestPerson;
  let guest: TestPerson;
  let leadSeconds: number;
  /** An exchange that ends about a minute after the tests start, for its minutes. */
  let ending: Record<string, any>;
  /** The exchange made through the New exchange page. */
  let createdPath: string;
  const title = `Keyboard talks ${Date.now()}`;

  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    const { stack, cast } = world;
    leadSeconds = Math.ceil((await planningLeadMs(stack, cast)) / 1000);
    unCoordinator = await createPerson(stack, cast.un, {
      roles: ['coordinator', 'participant'],
      email: true,
      timezone: 'America/New_York',
    });
    natoCoordinator = await createPerson(stack, cast.nato, { roles: ['coordinator', 'participant'], email: true });
    guest = await createPerson(stack, cast.un, { email: true, timezone: 'America/New_York' });
    ending = await createExchange(
      stack,
      unCoordinator,
      exchangeBody(cast, {
        title: `Minutes talks ${Date.now()}`,
        startsAt: inSeconds(leadSeconds),
        durationMinutes: 1,
        reminderOffsets: [],
        participantIds: [],
      }),
    );
    browser = await launchChromium();
    un = await newPage();
    unErrors = pageErrors(un);
    nato = await newPage();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('lets a UN coordinator create a UN–NATO exchange with the keyboard alone, and shows it', async () => {
    const { stack, cast } = world;
    const origin = await stack.baseUrl();
    await un.goto(`${origin}/exchanges/new`);
    await un.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(un, stack, unCoordinator.email);
    await un.getByRole('heading', { name: 'New exchange' }).waitFor();
    const form = un.locator('form');

    await tabTo(un, form.getByLabel('Title'));
    await un.keyboard.type(title);
    await tabTo(un, form.getByRole('radio', { name: 'Working level' }));
    await un.keyboard.press('ArrowRight');
    await tabTo(un, form.getByRole('checkbox', { name: `${cast.nato} secretariat (${cast.nato})` }));
    await un.keyboard.press('Space');
    for (const area of ['POC', 'WPS']) {
      await tabTo(un, form.getByRole('checkbox', { name: new RegExp(`\\(${area}\\)$`) }));
      await un.keyboard.press('Space');
    }
    const [day, month, year] = dateIn(3, 'America/New_York');
    await tabTo(un, form.getByRole('group', { name: 'Start date' }).getByRole('spinbutton').first());
    await un.keyboard.type(`${day}${month}${year}`);
    await tabTo(un, form.getByRole('group', { name: 'Start time' }).getByRole('spinbutton').first());
    await un.keyboard.type('1030');
    await tabTo(un, form.getByLabel('Duration (minutes)'));
    await un.keyboard.press('ControlOrMeta+A');
    await un.keyboard.type('90');
    await tabTo(un, form.getByLabel('Search people'));
    await un.keyboard.type(guest.email.slice(2, 10));
    await un.keyboard.press('ArrowDown');
    await un.keyboard.press('Enter');
    await un.getByText(`Chosen (1): Person ${guest.email}`).waitFor();
    await tabTo(un, form.getByLabel('Location or link'));
    await un.keyboard.type('Video link');
    await tabTo(un, form.getByRole('radio', { name: 'UNMARKED' }));
    await un.keyboard.press('ArrowRight');
    await expectAccessible(un, 'new exchange');
    await screenshot(un, 'new-exchange');

    // A reminder offset the API refuses (400, details naming the field): said beside that field.
    const offsets = form.getByLabel('Reminder offsets (optional)');
    await tabTo(un, offsets);
    await un.keyboard.type('soon');
    await tabTo(un, form.getByRole('button', { name: 'Create exchange' }));
    await un.keyboard.press('Enter');
    await un.getByText(/^The exchange was not created: invalid input/).waitFor();
    expect(await offsets.getAttribute('aria-invalid')).toBe('true');
    const described = (await offsets.getAttribute('aria-describedby')) ?? '';
    const said = await Promise.all(described.split(' ').map((id) => un.locator(`[id="${id}"]`).textContent()));
    expect(said.join(' ')).toMatch(/reminderOffsets/);
    await expectAccessible(un, 'new exchange, refused');
    await tabTo(un, offsets);
    await un.keyboard.press('ControlOrMeta+A');
    await un.keyboard.type('P1D, PT1H');

    await tabTo(un, form.getByRole('button', { name: 'Create exchange' }));
    await un.keyboard.press('Enter');
    await un.waitForURL((url) => /^\/exchanges\/[0-9a-f-]{36}$/.test(url.pathname));
    createdPath = new URL(un.url()).pathname;
    await un.getByRole('heading', { level: 1, name: title }).waitFor();
    await un.getByText('RESTRICTED', { exact: true }).first().waitFor();
    const made = await exchangeOf(stack, unCoordinator, createdPath.split('/')[2]);
    expect(made).toMatchObject({
      title,
      level: 'senior',
      areas: ['POC', 'WPS'],
      organizations: expect.arrayContaining([cast.un, cast.nato]),
      hostOrganization: cast.un,
      durationMinutes: 90,
      timezone: 'America/New_York',
      marking: 'RESTRICTED',
      location: 'Video link',
      participantIds: [guest.id],
      reminderOffsets: ['P1D', 'PT1H'],
    });
    expect(made.startsAt).toMatch(new RegExp(`^${year}-${month}-${day}T10:30:00`));
    await expectAccessible(un, 'exchange');
    await screenshot(un, 'exchange-restricted');
  });

  it('lets the NATO coordinator confirm for NATO, and shows NATO confirmed', async () => {
    const origin = await world.stack.baseUrl();
    const { nato: NATO } = world.cast;
    await nato.goto(`${origin}${createdPath}`);
    await nato.waitForURL((url) => url.pathname === '/sign-in');
    await signIn(nato, world.stack, natoCoordinator.email);
    await nato.getByRole('heading', { level: 1, name: title }).waitFor();
    await nato.getByRole('button', { name: `Confirm for ${NATO}` }).click();
    await nato
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`^${NATO}: confirmed`) })
      .waitFor();
    await nato.getByRole('button', { name: `Confirm for ${NATO}` }).waitFor({ state: 'detached' });
  });

  it('takes an agenda item proposed by UN and accepted by NATO', async () => {
    const { un: UN, nato: NATO } = world.cast;
    const item = 'Protection of civilians in mission areas';
    await un.getByRole('button', { name: 'Propose an item' }).click();
    const dialog = un.getByRole('dialog', { name: 'Propose an agenda item' });
    await dialog.getByLabel('Title').fill(item);
    await dialog.getByRole('button', { name: 'Propose item' }).click();
    await dialog.waitFor({ state: 'detached' });
    const proposed = un.getByRole('article', { name: item });
    await proposed.getByText(`Accepted by ${UN}; awaiting ${NATO}`).waitFor();

    await nato.reload();
    const seen = nato.getByRole('article', { name: item });
    await seen.getByRole('button', { name: `Accept for ${NATO}` }).click();
    await seen.getByText('Accepted by every organisation').waitFor();
  });

  it('leads a participant from the reminder e-mail’s Details link through sign-in to the exchange', async () => {
    const { stack, cast } = world;
    const origin = await stack.baseUrl();
    const reminded = await createExchange(
      stack,
      unCoordinator,
      exchangeBody(cast, { startsAt: inSeconds(leadSeconds + 20), participantIds: [guest.id], reminderOffsets: ['PT20S'] }),
    );
    const mail = await waitFor(
      'the reminder e-mail to the participant',
      async () => stack.smtp.to(guest.email).find((m) => (m.mail.text ?? '').includes(`/exchanges/${reminded.id as string}`)),
      (found) => found !== undefined,
      (leadSeconds + 20) * 1000 + WAIT_MS,
    );
    const link = new URL(/Details[^:]*: (\S+)/.exec(mail?.mail.text ?? '')?.[1] ?? 'http://no-link-in-the-mail');
    expect(link.origin).toBe('http://liaison.test');
    const page = await newPage();
    await page.goto(`${origin}${link.pathname}${link.search}`);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(await signIn(page, stack, guest.email)).toBe(`/exchanges/${reminded.id as string}`);
    await page.getByRole('heading', { level: 1, name: reminded.title as string }).waitFor();
  });

  it('takes the minutes drafted by the host, compares versions, and closes once both sides approve', async () => {
    const { stack, cast } = world;
    const origin = await stack.baseUrl();
    await waitFor(
      'the ending exchange held',
      () => exchangeOf(stack, unCoordinator, ending.id as string),
      (current) => current.status === 'held',
      Date.parse(ending.endsAt as string) - Date.now() + WAIT_MS,
    );
    await un.goto(`${origin}/exchanges/${ending.id as string}`);
    await un.getByText('Status: held').waitFor();
    const write = async (trigger: string, text: string, save: string) => {
      await un.getByRole('button', { name: trigger }).click();
      const dialog = un.getByRole('dialog');
      await dialog.getByLabel('Minutes').fill(text);
      await dialog.getByRole('button', { name: save }).click();
      await dialog.waitFor({ state: 'detached' });
    };
    await write('Draft minutes', 'Both secretariats reviewed the joint framework.\nNext meeting in March.', 'Save as version 1');
    await un.getByText(/^Version 1, drafted/).waitFor();
    await write(
      'Edit minutes',
      'Both secretariats reviewed and endorsed the joint framework.\nNext meeting in April.',
      'Save as version 2',
    );
    const diff = un.getByRole('region', { name: 'Changes from version 1 to version 2' });
    await diff.locator('ins', { hasText: 'April' }).waitFor();
    await diff.locator('del', { hasText: 'March' }).waitFor();
    expect(await diff.locator('ins').first().textContent()).toMatch(/^\[added: .*\]$/);
    await expectAccessible(un, 'exchange minutes diff');
    await screenshot(un, 'exchange-minutes-diff');

    await un.getByRole('button', { name: `Approve version 2 for ${cast.un}` }).click();
    await un.getByText(`Approved by ${cast.un}; awaiting ${cast.nato}.`).waitFor();
    await nato.goto(`${origin}/exchanges/${ending.id as string}`);
    await nato.getByRole('button', { name: `Approve version 2 for ${cast.nato}` }).click();
    await nato.getByText('Status: closed').waitFor();
    await nato.getByText(/approved by every organisation, locked/).waitFor();
    await expectAccessible(nato, 'closed exchange');
    await screenshot(nato, 'exchange-closed');
    await nato.setViewportSize({ width: 320, height: 800 });
    await expectAccessible(nato, 'closed exchange, 320 px');
    await screenshot(nato, 'exchange-closed-320');
  }, 240_000);

  it('logged no error on the UN coordinator’s pages (no CSP violation, no uncaught exception)', () => {
    // Less the 400 the test asked for (the refused reminder offset), which the browser logs as a failed request.
    const refused = /\/v1\/exchanges: Failed to load resource: the server responded with a status of 400/;
    expect(unErrors.filter((error) => !refused.test(error))).toEqual([]);
  });
});
