import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { TestStack } from './stack';
import { waitFor } from './wait';

/** Where the browser tests' screenshots go (test/artifacts/ is not committed). */
export const SCREENSHOTS = join(__dirname, '..', 'artifacts', 'screenshots');

/** The WCAG 2.0 and 2.1 rules of levels A and AA, as axe-core tags them. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let axeSource: string | undefined;

interface Violation {
  rule: string;
  impact: string;
  help: string;
  elements: string[];
}

/**
 * Signs `email` in through the web app as a person does: on the sign-in page (the one the page is
 * on, or /sign-in), fill "E-mail", "Send sign-in link", take the link from the stack's SMTP sink,
 * open it on the stack's origin and "Continue to Liaison". Returns the path it landed on.
 */
export async function signIn(page: Page, stack: TestStack, email: string): Promise<string> {
  const origin = await stack.baseUrl();
  if (!page.url().startsWith(`${origin}/sign-in`)) await page.goto(`${origin}/sign-in`);
  const sent = stack.smtp.to(email).length;
  await page.getByLabel('E-mail').fill(email);
  await page.getByRole('button', { name: 'Send sign-in link' }).click();
  await page.getByText('a sign-in link is on its way').waitFor();
  const mail = await waitFor(
    `the sign-in link to ${email}`,
    async () => stack.smtp.to(email)[sent],
    (seen) => seen !== undefined,
  );
  const link = new URL(/https?:\/\/\S+\/sign-in\/link\?token=\S+/.exec(mail.mail.text ?? '')?.[0] ?? 'http://no-link-in-the-mail');
  // The mail links to PUBLIC_BASE_URL; the browser opens the same path and query on the stack's own origin.
  await page.goto(`${origin}${link.pathname}${link.search}`);
  await page.getByRole('button', { name: 'Continue to Liaison' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return new URL(page.url()).pathname + new URL(page.url()).search;
}

/**
 * Runs axe-core (from node_modules) on the page as it is now, with the WCAG 2.0/2.1 A and AA rules,
 * and fails listing every violation of impact serious or critical; `name` says which page it was.
 * axe is evaluated through the DevTools protocol: a <script> tag (page.addScriptTag) is inline
 * script, which the app's CSP (script-src 'self') rightly refuses. It runs once react-aria's live
 * announcements have cleared: for a few seconds after a dialog closes, its announcement (role img,
 * in the live region's log) still names the closed dialog's title by `aria-labelledby`.
 */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.locator('[role=log] [role=img]').first().waitFor({ state: 'detached' });
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations: Violation[] = await page.evaluate(
    `axe
      .run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} } })
      .then((result) => result.violations.map((v) => ({ rule: v.id, impact: v.impact, help: v.help, elements: v.nodes.map((n) => n.target.join(' ')) })))`,
  );
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect({ page: name, violations: serious }).toEqual({ page: name, violations: [] });
}

/** A full-page screenshot, test/artifacts/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * The errors the page logs from now on (a CSP violation, an uncaught exception, a request of its own
 * that failed), for a test to expect none: `const errors = pageErrors(page); …; expect(errors).toEqual([])`.
 * The 401 of `GET /v1/auth/session` is left out: it is how the app learns that nobody is signed in.
 */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    const where = message.location().url;
    if (message.type() !== 'error') return;
    if (new URL(where, 'http://x').pathname === '/v1/auth/session' && message.text().includes('status of 401')) return;
    errors.push(`${where}: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  return errors;
}
