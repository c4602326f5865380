import { Browser, chromium } from 'playwright-core';
import type { TestStack } from './stack';

/** Debian's chromium (scripts/ensure-chromium.sh installs it when missing); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and without the sandbox, which needs privileges a container seldom has. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'] });
}

/**
 * Puts the stack's API on a real port of 127.0.0.1 (supertest needs none, a browser does) and
 * returns its base URL: `stack.baseUrl()`, which listens once however often it is asked (the typed
 * client's helpers ask too). `stack.stop()` closes the server with the app.
 */
export function listenLocally(stack: TestStack): Promise<string> {
  return stack.baseUrl();
}
