import { mkdirSync, readFileSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { utc } from '../../libs/monitoring/src/admin-page/format';
import { createExchange, exchangeBody, planningLeadMs, plannedInTime, useStack } from '../support/exchanges';
import { createOrganization, inSeconds, personWithWebhook, waitFor } from '../support/fixtures';
import { deadEndpoint, listenOnPortZero } from '../support/ports';
import { ADMIN_TOKEN } from '../support/stack';
import { deadlineOf, submit, supportCast } from '../support/support-requests';

const ARTIFACTS = join(__dirname, '..', 'artifacts');

/**
 * The WCAG 2.0/2.1 A and AA violations axe-core finds on the page as it is now: its rule, impact and
 * the elements. Evaluated through the DevTools protocol, which the page's CSP does not govern.
 */
async function wcagViolations(page: Page): Promise<Array<{ rule: string; impact: string; elements: string[] }>> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(`axe
    .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    .then((result) => result.violations.map((v) => ({ rule: v.id, impact: v.impact, elements: v.nodes.map((n) => n.target.join(' ')) })))`);
}
const DAY = 86_400;
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

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
  const made = {} as {
    lateWorkflow: string;
    lateRequest: Record<string, any>;
    exchange: Record<string, any>;
    upcoming: string[];
    upcomingExchanges: Array<Record<string, any>>;
    /** The exchange planningLeadMs made to measure planning (a day ahead, between the cast's UN and NATO). */
    probe: string;
    au: string;
  };

  let baseUrl: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** The hook owner's receiver, on port 0 from the start: it drops every connection until `answering`. */
  let receiver: Server;
  let answering = false;
  let dead: Awaited<ReturnType<typeof deadEndpoint>>;

  beforeAll(async () => {
    const { stack, cast } = world;
    baseUrl = await stack.baseUrl();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();

    const leadSeconds = Math.ceil((await planningLeadMs(stack, cast)) / 1000);
    made.probe = (
      (await http().get('/v1/exchanges?limit=200').auth(cast.unCoordinator.token, { type: 'bearer' }).expect(200)).body.items as Array<{
        id: string;
      }>
    ).map((e) => e.id)[0];

    // A support request nobody acknowledges: late a few seconds from now.
    made.lateRequest = await submit(stack, await supportCast(stack));
    made.lateWorkflow = `support-request-${made.lateRequest.id}`;

    // An exchange reminder to two webhooks that drop every connection: both fail. One receiver comes
    // back later and its reminder is retried; the other stays failed.
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200).end());
    });
    receiver.on('connection', (socket: Socket) => {
      if (!answering) socket.destroy();
    });
    const hookPort = await listenOnPortZero(receiver);
    dead = await deadEndpoint();
    const hookOwner = (await personWithWebhook(stack, cast.nato, `http://127.0.0.1:${hookPort}/hook`, 'Hook Owner')).id;
    const unreachable = (await personWithWebhook(stack, cast.nato, dead.url, 'Unreachable Hook')).id;
    made.exchange = await createExchange(
      stack,
      cast.unCoordinator,
      exchangeBody(cast, { startsAt: inSeconds(leadSeconds + 8), participantIds: [hookOwner, unreachable], reminderOffsets: ['PT8S'] }),
    );
    await plannedInTime(stack, cast.unCoordinator, made.exchange.id as string, 4);

    // Exchanges ahead, for the timeline: UN and NATO, and one with the suite's own AU.
    made.au = await createOrganization(stack, 'AU', 'Africa/Addis_Ababa');
    made.upcoming = [];
    made.upcomingExchanges = [];
    for (const [days, organizations] of [
      [2, [cast.un, cast.nato]],
      [9, [cast.un, cast.nato, made.au]],
      [16, [cast.un, made.au]],
      [27, [cast.un, cast.nato]],
    ] as const) {
      const body = exchangeBody(cast, { startsAt: inSeconds(days * DAY), organizations: [...organizations], participantIds: [] });
      const exchange = await createExchange(stack, cast.unCoordinator, body);
      made.upcoming.push(exchange.id as string);
      made.upcomingExchanges.push(exchange);
    }
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve()));
    await dead?.close();
  });

  /** Reloads the page until `accept` holds for what `read` reads off it, for things the workflows and the notifier bring about. */
  const reloadUntil = <S>(what: string, read: () => Promise<S>, accept: (seen: S) => boolean) =>
    waitFor(
      what,
      async () => {
        await page.goto(`${baseUrl}/admin`);
        return read();
      },
      accept,
    );
  /** The trimmed text of each cell of a table row. */
  const cellsOf = async (row: ReturnType<Page['locator']>) =>
    (await row.locator('td').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
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
    expect(cookie!.value.includes(ADMIN_TOKEN)).toBe(false);
    // Page scripts cannot read it (a string: the test compiles without the DOM types).
    expect(await page.evaluate('document.cookie')).toBe('');
    // The table counts this stack's workflows (its own task queue; visibility lags a little): the
    // planning probe, the failing exchange and the four ahead, and the support request; nothing else.
    const counts = async () => {
      const read = async (kind: string, status: string) => Number(await page.getByTestId(`count-${kind}-${status}`).textContent());
      return {
        exchange: await read('exchange', 'running'),
        'support-request': await read('support-request', 'running'),
        series: await read('series', 'running'),
        failed: await read('exchange', 'failed'),
      };
    };
    const seen = await reloadUntil('the running workflows counted', counts, (c) => c.exchange === 6 && c['support-request'] === 1);
    expect(seen).toEqual({ exchange: 6, 'support-request': 1, series: 0, failed: 0 });
    expect(await page.getByTestId('queue-reminders-workers').textContent()).toBe('1');
  });

  it('shows the late support request with what it waits for', async () => {
    // The late list holds this stack's workflows only: exactly the request.
    const rows = page.getByTestId('late-workflow');
    const ids = await reloadUntil(
      'the support request in the late list',
      async () => Promise.all((await rows.all()).map((r) => r.getAttribute('data-workflow-id'))),
      (found) => found.length > 0,
    );
    expect(ids).toEqual([made.lateWorkflow]);
    const dueAt = deadlineOf(made.lateRequest, 'acknowledge').dueAt as string;
    const [kind, title, status, waitingFor, deadline, link] = await cellsOf(rows.first());
    expect([kind, title, status]).toEqual([
      'support-request',
      `${made.lateRequest.title as string} ${made.lateRequest.id as string}`,
      'submitted',
    ]);
    expect(waitingFor).toMatch(/^acknowledgement due \d{4}-\d\d-\d\dT/);
    expect(deadline).toMatch(new RegExp(`^${utc(dueAt).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\d+ (s|min) ago$`));
    expect(link).toBe('history ↗');
    expect(await rows.first().getByRole('link', { name: 'history ↗' }).getAttribute('href')).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:8233/namespaces/default/workflows/${made.lateWorkflow}/[\\w-]+/history$`),
    );
  });

  it('draws the coming exchanges on a timeline, one row per organisation', async () => {
    await page.goto(`${baseUrl}/admin`);
    await expect(page.getByRole('img', { name: 'Exchanges in the next 30 days, by organisation' }).count()).resolves.toBe(1);
    const marks = (id: string) => page.locator(`[data-testid="timeline-exchange"][data-exchange-id="${id}"]`);
    expect(await marks(made.upcoming[0]).count()).toBe(2);
    expect(await marks(made.upcoming[1]).count()).toBe(3);
    // Each of the suite's organisations has a row with exactly its exchanges of the next 30 days (the
    // failing exchange, starting within seconds, may have started already: it is left out).
    const lane = async (organization: string) =>
      (
        await Promise.all(
          (
            await page.locator(`[data-testid="timeline-row"][data-organization="${organization}"] [data-testid="timeline-exchange"]`).all()
          ).map((mark) => mark.getAttribute('data-exchange-id')),
        )
      )
        .filter((id) => id !== made.exchange.id)
        .sort();
    const [first, second, third, fourth] = made.upcoming;
    expect(await lane(made.au)).toEqual([second, third].sort());
    expect(await lane(world.cast.nato)).toEqual([made.probe, first, second, fourth].sort());
    expect(await lane(world.cast.un)).toEqual([made.probe, first, second, third, fourth].sort());
    // Its mark on the host's lane says host, on the guest's guest.
    const tooltip = (organization: string) =>
      page
        .locator(
          `[data-testid="timeline-row"][data-organization="${organization}"] [data-testid="timeline-exchange"][data-exchange-id="${third}"] title`,
        )
        .allTextContents();
    const { title, startsAt } = made.upcomingExchanges[2] as { title: string; startsAt: string };
    expect(await tooltip(world.cast.un)).toEqual([`${title} · ${utc(startsAt)} · 60 min · scheduled (host)`]);
    expect(await tooltip(made.au)).toEqual([`${title} · ${utc(startsAt)} · 60 min · scheduled (guest)`]);
  });

  describe('a failed reminder', () => {
    let reminderId: string;
    const failedRow = () => page.locator(`[data-testid="failed-reminder"][data-reminder-id="${reminderId}"]`);

    it('is listed with its error and a Retry button', async () => {
      const ours = page.locator('[data-testid="failed-reminder"]', { hasText: made.exchange.title as string });
      await reloadUntil(
        'both webhook reminders in the failed list',
        () => ours.count(),
        (count) => count === 2,
      );
      reminderId = (await ours.filter({ hasText: 'Hook Owner' }).getAttribute('data-reminder-id'))!;
      const rows = await Promise.all((await ours.all()).map(cellsOf));
      const title = made.exchange.title as string;
      const error = 'webhook not delivered: connection failed';
      expect(
        rows
          .map(([kind, channel, person, about, , attempts, lastError, button]) => [
            kind,
            channel,
            person,
            about,
            attempts,
            lastError,
            button,
          ])
          .sort(),
      ).toEqual([
        ['exchange', 'webhook', `Hook Owner ${world.cast.nato}`, `${title} exchange`, '1', error, 'Retry'],
        ['exchange', 'webhook', `Unreachable Hook ${world.cast.nato}`, `${title} exchange`, '1', error, 'Retry'],
      ]);
      expect(await failedRow().getByRole('button', { name: 'Retry' }).count()).toBe(1);
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
      expect(foreign.text).toMatch(/sent from another site/);
      await http().post('/admin/login').set('Origin', 'https://evil.example').type('form').send({ token: ADMIN_TOKEN }).expect(403);
      const anonymous = await http().post(`/admin/reminders/${reminderId}/retry`).set('Origin', baseUrl).type('form').send({}).expect(303);
      expect(anonymous.headers.location).toBe('/admin/login');
      const still = await http().get(`/v1/admin/reminders?status=failed&limit=200`).auth(ADMIN_TOKEN, { type: 'bearer' }).expect(200);
      expect((still.body.items as Array<{ id: string }>).filter((r) => r.id === reminderId)).toHaveLength(1);
    });

    it('turns sent once retried from the page with the receiver back', async () => {
      answering = true;

      await Promise.all([page.waitForURL(/\/admin\?notice=retried#failed-reminders$/), failedRow().getByTestId('retry-reminder').click()]);
      expect(await page.getByTestId('notice').textContent()).toBe('The reminder is back on the queue; it turns sent once delivered.');

      await reloadUntil(
        'the reminder to leave the failed list',
        () => failedRow().count(),
        (count) => count === 0,
      );
      const ours = page.locator('[data-testid="failed-reminder"]', { hasText: made.exchange.title as string });
      expect(await ours.allInnerTexts()).toEqual([expect.stringMatching(/Unreachable Hook/)]);
      const [sent] = await waitFor(
        'the retried reminder to be sent',
        async () => {
          const res = await http().get('/v1/admin/reminders?status=sent&channel=webhook&limit=200').auth(ADMIN_TOKEN, { type: 'bearer' });
          return (res.body.items as Array<Record<string, any>>).filter((r) => r.id === reminderId);
        },
        (found) => found.length === 1,
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

  it('shows its sections by their headings, the suite’s one failed reminder and its one late workflow (and keeps a screenshot)', async () => {
    await page.goto(`${baseUrl}/admin`);
    expect(await page.getByRole('heading', { level: 1 }).allInnerTexts()).toEqual(['Liaison admin']);
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual([
      'Workflows by kind and status',
      'Queues',
      'Late workflows',
      'Stuck workflows',
      'Failed reminders',
      'Exchanges in the next 30 days',
      'Reminder lateness, last 24 hours',
    ]);
    // What this suite made, as the page shows it now: the request still late, nothing stuck, one of
    // its two failed reminders left (the other was retried and sent), no section failing to load.
    const failed = page.getByTestId('failed-reminders').getByRole('row', { name: new RegExp(made.exchange.title as string) });
    expect(await failed.allInnerTexts()).toEqual([expect.stringMatching(/Unreachable Hook/)]);
    expect(await Promise.all((await page.getByTestId('late-workflow').all()).map((r) => r.getAttribute('data-workflow-id')))).toEqual([
      made.lateWorkflow,
    ]);
    expect(await page.getByTestId('no-stuck-workflows').innerText()).toBe('No stuck workflows.');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByRole('img', { name: 'Reminder lateness per hour, last 24 hours' }).count()).toBe(1);
    // Kept for a person to look at; not an assertion.
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'admin-page.png'), fullPage: true });
  });

  it('meets WCAG 2.1 AA by axe-core, with the suite’s data on it', async () => {
    await page.goto(`${baseUrl}/admin`);
    expect(await wcagViolations(page)).toEqual([]);
  });

  it('logs out: the cookie is gone and the page asks for the token again', async () => {
    await Promise.all([page.waitForURL(`${baseUrl}/admin/login`), page.getByTestId('logout').click()]);
    expect(await sessionCookie()).toBeUndefined();
    await page.goto(`${baseUrl}/admin`);
    expect(page.url()).toBe(`${baseUrl}/admin/login`);
    // The login page too, with the error it shows after a wrong token.
    expect(await wcagViolations(page)).toEqual([]);
    await page.getByTestId('login-token').fill('not-the-admin-token');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    expect(await wcagViolations(page)).toEqual([]);
  });
});
