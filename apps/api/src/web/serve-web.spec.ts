import type { INestApplication } from '@nestjs/common';
import express from 'express';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import supertest from 'supertest';
import { serveWeb, WEB_CONTENT_SECURITY_POLICY } from './serve-web';

/** serveWeb on a bare Express app whose last handler stands for the API (its JSON 404). */
function appServing(root: string) {
  const app = express();
  serveWeb(app as unknown as INestApplication, root);
  app.use((_request, response) => void response.status(404).json({ statusCode: 404, error: 'Not Found' }));
  return supertest(app);
}

describe('serveWeb', () => {
  const html = 'text/html,*/*;q=0.8';
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'liaison-web-'));
    mkdirSync(join(root, 'assets'));
    mkdirSync(join(root, '.vite'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Liaison</title>');
    writeFileSync(join(root, 'assets', 'index-AbCd1234.js'), 'console.log(1)');
    writeFileSync(join(root, '.vite', 'manifest.json'), '{}');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('answers any page a browser asks for with index.html, and HEAD too', async () => {
    const page = await appServing(root).get('/series/1').set('Accept', html).expect(200);
    expect([page.text, page.headers['content-security-policy'], page.headers['cache-control']]).toEqual([
      '<!doctype html><title>Liaison</title>',
      WEB_CONTENT_SECURITY_POLICY,
      'no-store',
    ]);
    await appServing(root).head('/').set('Accept', html).expect(200);
  });

  it('passes the reserved prefixes, other methods, programs and missing assets on', async () => {
    const asked = [
      await appServing(root).get('/v1/exchanges').set('Accept', html),
      await appServing(root).get('/admin').set('Accept', html),
      await appServing(root).get('/docs-yaml').set('Accept', html),
      await appServing(root).post('/').set('Accept', html),
      await appServing(root).get('/').set('Accept', 'application/json'),
      await appServing(root).get('/assets/gone-12345678.js').set('Accept', html),
      await appServing(root).get('/.vite/manifest.json'),
    ];
    expect(asked.map((answer) => answer.status)).toEqual([404, 404, 404, 404, 404, 404, 404]);
  });

  it('caches hashed assets for good', async () => {
    const script = await appServing(root).get('/assets/index-AbCd1234.js').expect(200);
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('says to build the app when there is no build, and the API still answers', async () => {
    const missing = join(root, 'not-built');
    const page = await appServing(missing).get('/').set('Accept', html).expect(503);
    expect(page.text).toMatch(/npm run build/);
    await appServing(missing).get('/v1/exchanges').expect(404);
  });
});
