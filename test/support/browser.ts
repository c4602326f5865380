import { Browser, chromium } from 'playwright-core';
import { closeBeforeStop } from './before-stop';

/** Debian's chromium (scripts/ensure-chromium.sh installs it when missing); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Headless, and without the sandbox, which needs privileges a container seldom has; `args`: more of
 * Chromium's switches. A browser still open when `useStack` stops its stack is closed first.
 */
export async function launchChromium(args: string[] = []): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox', ...args] });
  const forget = closeBeforeStop(() => browser.close());
  browser.on('disconnected', forget);
  return browser;
}

/**
 * Chromium's switch that sends `host` (port 80) to the test stack at `origin`: the browser then
 * uses the stack at its public address (the test stack's PUBLIC_BASE_URL, `http://liaison.test`),
 * where an OpenID provider sends it back to.
 */
export function resolveHostTo(host: string, origin: string): string {
  return `--host-resolver-rules=MAP ${host}:80 ${new URL(origin).host}`;
}
