import { mkdirSync, statSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, listenLocally } from '../support/browser';
import { createExchange, exchangeBody, useStack } from '../support/exchanges';
import { ensureOrganization, eventually, inSeconds, personWithWebhook } from '../support/fixtures';
import { freePorts } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';
import { submit, supportCast } from '../support/support-requests';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const DAY = 86_400;

/**
 * The admin page in Debian's chromium, driven by playwright-core, against the real stack: log in,
 * find a late workflow and a failed reminder this suite made, retry the reminder from the page, and
 * keep a screenshot under test/artifacts/.
 */
describe('admin page', () => {
  const world = useStack(0, {
    ADMIN_LATE_AFTER: 'PT1S',
    // The acknowledgement of a support request is due within seconds: the request turns late soon.
    SUPPORT_ACKNOWLEDGE_WITHIN: 'routine=PT3S,priority=PT3S,urgent=PT3S',
    SUPPORT_REMIND_BEFORE: 'routine=PT1S,priority=PT1S,urgent=PT1S',
    SUPPORT_ESCALATE_AFTER: 'routine=P1D,priority=P1D,urgent=P1D',
    // One attempt: a webhook to a closed port makes a failed reminder at once.
    REMINDER_ATTEMPTS: '1',
  });
  const http = () => world.stack.http();
  const made = {} as { lateWorkflow: string; lateTitle: string; hookPort: number; exchange: Record<string, any>; upcoming: string[] };

  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let receiver: Server | undefined;

  beforeAll(async () => {
    const { stack, cast } = world;
    baseUrl = await listenLocally(stack);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();

    // A support request nobody acknowledges: late a few seconds from now.
    const request = await submit(stack, await supportCast(stack));
    made.lateWorkflow = `support-request-${request.id}`;
    made.lateTitle = request.title as string;

    // An exchange reminder due in 4 s to two webhooks on ports nothing listens on: both fail. One
    // receiver comes back later and its reminder is retried; the other stays failed (the screenshot shows it).
    const [hookPort, unreachablePort] = await freePorts(2);
    made.hookPort = hookPort;
    const hookOwner = (await personWithWebhook(stack, 'NATO', `http://127.0.0.1:${hookPort}/hook`, 'Hook Owner')).id;
    const unreachable = (await personWithWebhook(stack, 'NATO', `http://127.0.0.1:${unreachablePort}/hook`, 'Unreachable Hook')).id;
    made.exchange = await createExchange(
      stack,
      cast.unCoordinator,
      exchangeBody({ startsAt: inSeconds(12), participantIds: [hookOwner, unreachable], reminderOffsets: ['PT8S'] }),
    );

    // Exchanges ahead, for the timeline: UN and NATO, and one with the AU.
    await ensureOrganization(stack, 'AU', 'Africa/Addis_Ababa');
    made.upcoming = [];
    for (const [days, organizations] of [
      [2, ['UN', 'NATO']],
      [9, ['UN', 'NATO', 'AU']],
      [16, ['UN', 'AU']],
      [27, ['UN', 'NATO']],
    ] as const) {
      const body = exchangeBody({ startsAt: inSeconds(days * DAY), organizations: [...organizations], participantIds: [] });
      made.upcoming.push((await createExchange(stack, cast.unCoordinator, body)).id as string);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
  });

  /** Reloads the page until `check` holds, for things the workflows and the notifier bring about. */
  const reloadUntil = (check: () => Promise<boolean>, what: string, timeoutMs = 30_000) =>
    eventually(
      async () => {
        await page.goto(`${baseUrl}/admin`);
        return (await check()) ? true : undefined;
      },
      timeoutMs,
      what,
    );
  const sessionCookie = async () => (await context.cookies()).find((c) => c.name === 'liaison_admin');

  it('sends a visitor without a session to the login page, with no caching and a strict CSP', async () => {
    const res = await http().get('/admin').expect(303);
    expect(res.headers.location).toBe('/admin/login');
    expect(res.headers['cache-control']).toBe('no-store');

    const login = await http().get('/admin/login').expect(200);
    expect(login.headers['content-type']).toMatch(/^text\/html/);
    expect(login.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'",
    );
    expect(login.headers['cache-control']).toBe('no-store');

    const navigation = await page.goto(`${baseUrl}/admin`);
    expect(navigation?.status()).toBe(200);
    expect(page.url()).toBe(`${baseUrl}/admin/login`);
    await page.getByTestId('login-form').waitFor();
  });

  it('refuses a wrong token, then logs in with the admin token into an HttpOnly cookie', async () => {
    await page.getByTestId('login-token').fill('not-the-admin-token');
    const [refused] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${baseUrl}/admin/login` && r.request().method() === 'POST'),
      page.getByTestId('login-submit').click(),
    ]);
    expect(refused.status()).toBe(401);
    await page.getByTestId('login-error').waitFor();
    expect(await page.getByTestId('login-error').textContent()).toBe('That is not the admin token.');
    expect(await sessionCookie()).toBeUndefined();

    await page.getByTestId('login-token').fill(ADMIN_TOKEN);
    await Promise.all([page.waitForURL(`${baseUrl}/admin`), page.getByTestId('login-submit').click()]);
    await page.getByTestId('workflow-counts').waitFor();
    const cookie = await sessionCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin', secure: false });
    // The cookie proves a login without carrying the token.
    expect(cookie!.value).not.toContain(ADMIN_TOKEN);
    // Page scripts cannot read it (a string: the test compiles without the DOM types).
    expect(await page.evaluate('document.cookie')).toBe('');
    // The table counts this stack's workflows (visibility lags a little): the five exchanges and the request run.
    const running = async (kind: string) => Number(await page.getByTestId(`count-${kind}-running`).textContent());
    await reloadUntil(
      async () => (await running('exchange')) >= 5 && (await running('support-request')) >= 1,
      'the running workflows counted',
    );
    expect(await page.getByTestId('queue-counts').textContent()).toContain('reminders');
  });

  it('shows the late support request with what it waits for', async () => {
    const row = page.locator(`[data-testid="late-workflow"][data-workflow-id="${made.lateWorkflow}"]`);
    await reloadUntil(async () => (await row.count()) === 1, 'the support request in the late list', 20_000);
    const text = await row.textContent();
    expect(text).toContain(made.lateTitle);
    expect(text).toContain('support-request');
    expect(text).toContain('submitted');
    expect(text).toMatch(/acknowledgement due \d{4}-\d\d-\d\dT/);
    expect(text).toMatch(/\d+ s ago|\d+ min ago/);
    expect(await row.locator('a').getAttribute('href')).toContain(`/workflows/${made.lateWorkflow}/`);
  });

  it('draws the coming exchanges on a timeline, one row per organisation', async () => {
    await page.goto(`${baseUrl}/admin`);
    const marks = (id: string) => page.locator(`[data-testid="timeline-exchange"][data-exchange-id="${id}"]`);
    expect(await marks(made.upcoming[0]).count()).toBe(2);
    expect(await marks(made.upcoming[1]).count()).toBe(3);
    const au = page.locator('[data-testid="timeline-row"][data-organization="AU"]');
    expect(await au.locator('[data-testid="timeline-exchange"]').count()).toBeGreaterThanOrEqual(2);
    expect(await marks(made.upcoming[2]).first().locator('title').textContent()).toMatch(/ UTC · 60 min · scheduled \((host|guest)\)$/);
  });

  describe('a failed reminder', () => {
    let reminderId: string;
    const failedRow = () => page.locator(`[data-testid="failed-reminder"][data-reminder-id="${reminderId}"]`);

    it('is listed with its error and a Retry button', async () => {
      const ours = page.locator('[data-testid="failed-reminder"]', { hasText: made.exchange.title as string });
      await reloadUntil(async () => (await ours.count()) === 2, 'both webhook reminders in the failed list');
      reminderId = (await ours.filter({ hasText: 'Hook Owner' }).getAttribute('data-reminder-id'))!;
      const text = await failedRow().textContent();
      expect(text).toContain('webhook');
      expect(text).toContain('Hook Owner');
      expect(text).toContain('webhook not delivered: connection failed');
      expect(await failedRow().getByTestId('retry-reminder').textContent()).toBe('Retry');
    });

    it('cannot be retried by a form of another site, nor without a session', async () => {
      const cookie = `liaison_admin=${(await sessionCookie())!.value}`;
      const foreign = await http()
        .post(`/admin/reminders/${reminderId}/retry`)
        .set('Cookie', cookie)
        .set('Origin', 'https://evil.example')
        .type('form')
        .send({})
        .expect(403);
      expect(foreign.text).toContain('sent from another site');
      await http().post('/admin/login').set('Origin', 'https://evil.example').type('form').send({ token: ADMIN_TOKEN }).expect(403);
      const anonymous = await http().post(`/admin/reminders/${reminderId}/retry`).set('Origin', baseUrl).type('form').send({}).expect(303);
      expect(anonymous.headers.location).toBe('/admin/login');
      const still = await http().get(`/v1/admin/reminders?status=failed&limit=200`).auth(ADMIN_TOKEN, { type: 'bearer' }).expect(200);
      expect((still.body.items as Array<{ id: string }>).map((r) => r.id)).toContain(reminderId);
    });

    it('turns sent once retried from the page with the receiver back', async () => {
      receiver = createServer((req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(200).end());
      });
      await new Promise<void>((resolve) => receiver!.listen(made.hookPort, '127.0.0.1', resolve));

      await Promise.all([page.waitForURL(/\/admin\?notice=retried#failed-reminders$/), failedRow().getByTestId('retry-reminder').click()]);
      expect(await page.getByTestId('notice').textContent()).toBe('The reminder is back on the queue; it turns sent once delivered.');

      await reloadUntil(async () => (await failedRow().count()) === 0, 'the reminder to leave the failed list');
      expect(await page.locator('[data-testid="failed-reminder"]', { hasText: 'Unreachable Hook' }).count()).toBe(1);
      const sent = await eventually(
        async () => {
          const res = await http().get('/v1/admin/reminders?status=sent&channel=webhook&limit=200').auth(ADMIN_TOKEN, { type: 'bearer' });
          return (res.body.items as Array<Record<string, any>>).find((r) => r.id === reminderId);
        },
        20_000,
        'the retried reminder to be sent',
      );
      expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });

      // A second click (a stale page) changes nothing and says so.
      const again = await http()
        .post(`/admin/reminders/${reminderId}/retry`)
        .set('Cookie', `liaison_admin=${(await sessionCookie())!.value}`)
        .type('form')
        .send({})
        .expect(303);
      expect(again.headers.location).toBe('/admin?notice=not-failed#failed-reminders');
    });

    it('counts in the lateness chart of the last 24 hours', async () => {
      await page.goto(`${baseUrl}/admin`);
      expect(await page.getByTestId('lateness-summary').innerText()).toMatch(/^\d+ reminders sent · p50 [\d.]+ (s|min) · p95/);
      const hour = page.locator('[data-testid="lateness-hour"]').last();
      expect(await hour.locator('title').textContent()).toMatch(
        /UTC: \d+ sent; p50 [\d.]+ (s|min), p95 [\d.]+ (s|min), max [\d.]+ (s|min|h)$/,
      );
    });
  });

  it('keeps a full-page screenshot under test/artifacts/', async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    const file = join(ARTIFACTS, 'admin-page.png');
    await page.goto(`${baseUrl}/admin`);
    await page.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });

  it('logs out: the cookie is gone and the page asks for the token again', async () => {
    await Promise.all([page.waitForURL(`${baseUrl}/admin/login`), page.getByTestId('logout').click()]);
    expect(await sessionCookie()).toBeUndefined();
    await page.goto(`${baseUrl}/admin`);
    expect(page.url()).toBe(`${baseUrl}/admin/login`);
  });
});
