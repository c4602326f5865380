import type { INestApplication } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';

/** Where `npm run build:web` puts the web app (apps/web), from the repository root the processes run in. */
export const WEB_ROOT = resolve(process.cwd(), 'dist', 'web');

/** The web app's own scripts only; inline styles for the widgets' positioning; nothing framed, posted or loaded elsewhere. */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
  "base-uri 'none'",
].join('; ');

/** Paths that are the API's and never the web app's (Swagger's `/docs-json` and `/docs-yaml` too): their 404s stay the API's JSON 404. */
const RESERVED = /^\/(v1|docs|admin|health|metrics)(\/|-|$)/;

/**
 * The web app at `/`: its hashed `/assets/*` cached for a year, its other files as they are, and
 * for any other page a browser asks for (GET or HEAD, HTML preferred to JSON, outside the reserved
 * prefixes) its index.html, not cached, with the app's CSP: the router in the page takes it from
 * there. Without a build, such a page is a 503 that says to run `npm run build`.
 */
export function serveWeb(app: INestApplication, root = WEB_ROOT): void {
  const index = join(root, 'index.html');
  const assets = join(root, 'assets') + sep;
  const files = express.static(root, {
    index: false,
    dotfiles: 'ignore',
    cacheControl: false,
    setHeaders: (response: Response, path: string) => fileHeaders(response, path, path.startsWith(assets)),
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || RESERVED.test(request.path)) return next();
    files(request, response, () => {
      // Not a file of the build: a page of the app if a browser asks for one, else the API's 404.
      if (request.path.startsWith('/assets/') || request.accepts(['json', 'html']) !== 'html') return next();
      sendIndex(index, response, next);
    });
  });
}

/** Hashed assets never change under their name; the rest (index.html included) is asked for afresh. */
function fileHeaders(response: Response, path: string, hashed: boolean): void {
  if (hashed) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  else if (path.endsWith('.html')) htmlHeaders(response);
  else response.setHeader('Cache-Control', 'no-cache');
}

function sendIndex(index: string, response: Response, next: NextFunction): void {
  htmlHeaders(response);
  if (!existsSync(index)) {
    response
      .status(503)
      .type('html')
      .send(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Liaison</title></head><body>' +
          '<h1>The web app is not built</h1><p>Run <code>npm run build</code> (or <code>npm run build:web</code>), then reload this page.</p>' +
          '</body></html>',
      );
    return;
  }
  response.sendFile(index, { cacheControl: false, lastModified: false, etag: false }, (error) => {
    if (error) next(error);
  });
}

function htmlHeaders(response: Response): void {
  response.setHeader('Content-Security-Policy', WEB_CONTENT_SECURITY_POLICY);
  response.setHeader('Cache-Control', 'no-store');
  // Not helmet's `no-referrer`: with it, the page's own POSTs carry `Origin: null`, which the API's origin check refuses.
  response.setHeader('Referrer-Policy', 'same-origin');
}
