import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { INestApplication } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import { addressRateLimit, bearerToken, cookieOf, sameSecret } from '@liaison/access';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { EVENT_DELIVERY_QUEUE } from '@liaison/events';
import { REMINDER_QUEUE } from '@liaison/notifications';
import type { Queue } from 'bullmq';
import type { ErrorResponse } from '@liaison/common';
import type { NextFunction, Request, Response } from 'express';
import { SESSION_COOKIE, validSession } from './admin-page/admin-session';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, for admins only: the admin page's session cookie or the admin
 * bearer token, every request counted against the per-address rate limit. Read-only: a failed reminder is retried through POST /v1/admin/reminders/:id/retry,
 * which puts its row back to `queued` and writes the audit trail; a retry here would do neither.
 */
export function mountQueueBoard(app: INestApplication): void {
  const config = app.get<LiaisonConfig>(LIAISON_CONFIG);
  const queues = [REMINDER_QUEUE, EVENT_DELIVERY_QUEUE].map((name) => app.get<Queue>(getQueueToken(name)));
  const serverAdapter = new ExpressAdapter();
  serverAdapter.setBasePath(QUEUE_BOARD_PATH);
  createBullBoard({
    queues: queues.map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'Liaison queues', hideRedisDetails: true } },
  });
  // Every request counts against the per-address rate limit first, so guesses of the admin token are limited here too.
  app.use(QUEUE_BOARD_PATH, addressRateLimit(app), adminOnly(config), contentSecurityPolicy, serverAdapter.getRouter());
}

function adminOnly(config: LiaisonConfig) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const token = bearerToken(request.headers.authorization);
    if (token ? sameSecret(token, config.adminToken) : validSession(config.adminToken, cookieOf(request, SESSION_COOKIE))) {
      next();
      return;
    }
    // A person at a browser goes to the login; a program gets the API's 401.
    if (!token && request.method === 'GET' && request.accepts(['json', 'html']) === 'html') {
      response.redirect(303, '/admin/login');
      return;
    }
    response.status(401).json({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'the queue board needs the admin token (Authorization: Bearer <token>) or an admin page login',
    } satisfies ErrorResponse);
  };
}

/** The board's own scripts and styles only; its web-font link (a CDN) is not followed, the system font is used. */
function contentSecurityPolicy(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  );
  next();
}
