import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WEB_CONTENT_SECURITY_POLICY, WEB_ROOT } from '../../apps/api/src/web/serve-web';
import { TestStack } from '../support/stack';

/**
 * The web app as the API serves it, from the build in dist/web (scripts/test.sh runs
 * `npm run build:web` first): its pages with their CSP, its hashed assets, and the API's own
 * paths untouched by the page fallback.
 */
describe('the web app served by the API', () => {
  let stack: TestStack;
  let index: string;
  beforeAll(async () => {
    stack = await TestStack.start();
    index = readFileSync(join(WEB_ROOT, 'index.html'), 'utf8');
  });
  afterAll(async () => stack.stop());

  const browserAsks = (path: string) => stack.http().get(path).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');

  it('answers a page of the app, at / and deeper, with index.html and its CSP, not cached', async () => {
    for (const path of ['/', '/exchanges/0b6b3f8e-1d2c-4f5a-9a7b-2c3d4e5f6a7b', '/sign-in?next=%2Fseries']) {
      const page = await browserAsks(path).expect(200);
      expect([path, page.headers['content-type'], page.text]).toEqual([path, 'text/html; charset=utf-8', index]);
      expect(page.headers).toMatchObject({
        'content-security-policy': WEB_CONTENT_SECURITY_POLICY,
        'cache-control': 'no-store',
        'referrer-policy': 'same-origin',
        'x-frame-options': 'SAMEORIGIN',
      });
    }
    expect(WEB_CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    );
  });

  it('serves the hashed scripts index.html loads, cached for good', async () => {
    const entry = /<script type="module" crossorigin src="(\/assets\/[\w-]+\.js)">/.exec(index)?.[1];
    expect(entry).toMatch(/^\/assets\/index-[\w-]{8}\.js$/);
    const script = await stack.http().get(entry!).expect(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await browserAsks('/assets/nothing-here-12345678.js').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });

  it("leaves the API's paths to the API: their 404s are JSON, Swagger UI is Swagger UI", async () => {
    for (const path of ['/v1/nope', '/health/nope', '/metrics/nope', '/admin/nope', '/docs/nope']) {
      const answer = await browserAsks(path);
      expect([path, answer.status, answer.headers['content-type'], answer.body.statusCode]).toEqual([
        path,
        404,
        'application/json; charset=utf-8',
        404,
      ]);
    }
    const ui = await browserAsks('/docs').redirects(1).expect(200);
    expect(ui.text).toMatch(/<title>Swagger UI<\/title>/);
    await stack.http().get('/health/live').expect(200, { status: 'ok' });
  });

  it("answers a program (JSON preferred) the API's 404, not a page", async () => {
    const answer = await stack.http().get('/exchanges').set('Accept', 'application/json').expect(404);
    expect(answer.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
  });
});
