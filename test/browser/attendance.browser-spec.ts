import type { Browser, BrowserContext, Page } from 'playwright-core';
import { attendanceLinks } from '../../libs/common/src';
import { launchChromium } from '../support/browser';
import { createExchange, exchangeBody, exchangeOf, useStack } from '../support/exchanges';
import { createPerson, inSeconds, TestPerson } from '../support/fixtures';
import { ADMIN_TOKEN } from '../support/stack';
import { expectAccessible, pageErrors, screenshot, signIn } from '../support/web';

/**
 * Attendance in the web app, in Debian's chromium against the real stack: a participant answers on
 * the exchange page and delegates to a colleague picked from their organisation; a coordinator sees
 * every participant's answer; the `/attend` page of an e-mail link shows what it is for without
 * sign-in and answers only when its button is pressed. Every page passes axe's WCAG A/AA rules.
 */
describe('attendance in the web app', () => {
  const world = useStack(0, {}, { ownDatabase: true });
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let participant: TestPerson;
  let colleague: TestPerson;
  let coordinator: TestPerson;
  let exchange: Record<string, any>;

  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
    contexts.push(context);
    return context.newPage();
  };

  beforeAll(async () => {
    const { stack, cast } = world;
    coordinator = await createPerson(stack, cast.un, { roles: ['coordinator', 'participant'], email: true });
    participant = await createPerson(stack, cast.un, { email: true });
    colleague = await createPerson(stack, cast.un, { email: true });
    const natoPart = await createPerson(stack, cast.nato, {});
    exchange = await createExchange(
      stack,
      coordinator,
      exchangeBody(cast, { startsAt: inSeconds(3 * 86_400), reminderOffsets: [], participantIds: [participant.id, natoPart.id] }),
    );
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
  });

  it('a participant accepts, then delegates to a colleague; the coordinator sees both answers', async () => {
    const page = await newPage();
    const errors = pageErrors(page);
    await signIn(page, world.stack, participant.email);
    await page.goto(`${await world.stack.baseUrl()}/exchanges/${exchange.id as string}`);
    const section = page.getByRole('region', { name: 'Your attendance' });
    await section.getByText('not answered yet').waitFor();
    await expectAccessible(page, 'exchange page, attendance not answered');

    await section.getByRole('button', { name: 'Accept' }).click();
    await section.getByText('You: attends').waitFor();
    expect(await section.getByRole('button', { name: 'Accept' }).getAttribute('aria-pressed')).toBe('true');

    await section.getByRole('button', { name: 'Delegate to a colleague' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delegate to a colleague' });
    await dialog.getByRole('button', { name: /Colleague/ }).click();
    await page.getByRole('option', { name: `Person ${colleague.email}` }).click();
    await expectAccessible(page, 'delegate dialog');
    await dialog.getByRole('button', { name: 'Delegate' }).click();
    await dialog.waitFor({ state: 'detached' });
    await section.getByText('delegated to a colleague').waitFor();
    // Handed on: no more buttons for the delegator.
    expect(await section.getByRole('button', { name: 'Accept' }).count()).toBe(0);
    await screenshot(page, 'attendance-delegated');

    const seen = await exchangeOf(world.stack, coordinator, exchange.id as string);
    const entry = (id: string) => (seen.participants as Array<Record<string, any>>).find((p) => p.id === id);
    expect([entry(participant.id)?.attendance, entry(colleague.id)?.attendance]).toEqual(['delegated', 'needs-action']);

    const coordinatorPage = await newPage();
    await signIn(coordinatorPage, world.stack, coordinator.email);
    await coordinatorPage.goto(`${await world.stack.baseUrl()}/exchanges/${exchange.id as string}`);
    const participants = coordinatorPage.getByRole('region', { name: 'Participants' });
    await participants.getByText(`delegated to Person ${colleague.email}`).waitFor();
    await participants.getByText(`(in place of Person ${participant.email})`).waitFor();
    await expectAccessible(coordinatorPage, 'exchange page, coordinator');
    // The exchange page asks GET /v1/people to put names on ids, which a participant may not list (a 403 it expects).
    expect(errors.filter((e) => !/\/v1\/people\?limit=200: .* 403/.test(e))).toEqual([]);
  });

  it('the /attend page of an e-mail link shows what it is for and answers on its button only, without sign-in', async () => {
    const fresh = await exchangeOf(world.stack, coordinator, exchange.id as string);
    const links = attendanceLinks(
      { publicBaseUrl: await world.stack.baseUrl(), adminToken: ADMIN_TOKEN },
      { personId: colleague.id, exchangeId: fresh.id, revision: fresh.scheduleRevision, expiresAt: new Date(fresh.endsAt) },
    );
    const page: Page = await newPage();
    const errors = pageErrors(page);
    await page.goto(links.tentative);
    await page.getByRole('heading', { name: 'Will you attend?' }).waitFor();
    await page.getByText(fresh.title).waitFor();
    await page.getByRole('status').getByText('not answered yet').waitFor();
    await expectAccessible(page, 'attend page');
    expect(
      ((await exchangeOf(world.stack, coordinator, fresh.id)).participants as Array<Record<string, any>>).find((p) => p.id === colleague.id)
        ?.attendance,
    ).toBe('needs-action');

    await page.getByRole('button', { name: 'I may attend' }).click();
    await page.getByText('your answer is recorded').waitFor();
    await page.getByRole('status').getByText('may attend').waitFor();
    await expectAccessible(page, 'attend page, answered');
    expect(
      ((await exchangeOf(world.stack, coordinator, fresh.id)).participants as Array<Record<string, any>>).find((p) => p.id === colleague.id)
        ?.attendance,
    ).toBe('tentative');

    // A link altered by one character says so.
    await page.goto(links.accepted.replace(/token=(.)/, (_m, first: string) => `token=${first === 'A' ? 'B' : 'A'}`));
    await page.getByRole('heading', { name: 'This attendance link cannot be used' }).waitFor();
    await expectAccessible(page, 'attend page, bad link');
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
  });
});
