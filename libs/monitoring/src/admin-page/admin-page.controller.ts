import { Controller, Get, Inject, Logger, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { cookieOf, Public, sameOrigin, sameSecret } from '@liaison/access';
import { AcceptsFormBody, DomainError } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Request, Response } from 'express';
import { QueueMonitor } from '../queue-monitor.service';
import { ReminderMonitor } from '../reminder-monitor.service';
import { WorkflowMonitor } from '../workflow-monitor.service';
import { AdminPageQueries } from './admin-page.queries';
import { loginPage, messagePage } from './admin-page.layout';
import { dashboardPage, Notice, NOTICES, Section } from './admin-page.render';
import { SESSION_COOKIE, sessionCookie, sessionValue, validSession } from './admin-session';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Rows per list on the page; the admin API pages through the rest. */
const LIST_LIMIT = 50;
/** No script, no external file: styles and charts are inline, forms post to the page itself. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; frame-ancestors 'none'";

/**
 * The admin page: server-rendered HTML behind a login with the admin token. The global AuthGuard
 * knows bearer tokens only, so the routes are @Public() and the session cookie is checked here.
 */
@ApiExcludeController()
@Public()
@Controller('admin')
export class AdminPageController {
  private readonly logger = new Logger(AdminPageController.name);

  constructor(
    private readonly workflows: WorkflowMonitor,
    private readonly reminders: ReminderMonitor,
    private readonly queues: QueueMonitor,
    private readonly queries: AdminPageQueries,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  @Get()
  async page(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.signedIn(request)) return seeOther(response, '/admin/login');
    const notice =
      typeof request.query.notice === 'string' && Object.hasOwn(NOTICES, request.query.notice) ? (request.query.notice as Notice) : null;
    const [counts, late, stuck, failed, queues, upcoming, lateness] = await Promise.all([
      this.settle('counts', this.workflows.counts()),
      this.settle('late workflows', this.workflows.list({ late: true, limit: LIST_LIMIT })),
      this.settle('stuck workflows', this.workflows.list({ stuck: true, limit: LIST_LIMIT })),
      this.settle('failed reminders', this.reminders.list({ status: 'failed', limit: LIST_LIMIT })),
      this.settle('queues', this.queues.counts()),
      this.settle('upcoming exchanges', this.queries.upcomingExchanges()),
      this.settle('reminder lateness', this.queries.reminderLateness()),
    ]);
    send(response, 200, dashboardPage({ now: new Date(), notice, counts, late, stuck, failed, queues, upcoming, lateness }));
  }

  @Get('login')
  loginForm(@Req() request: Request, @Res() response: Response): void {
    if (this.signedIn(request)) return seeOther(response, '/admin');
    send(response, 200, loginPage(null));
  }

  @Post('login')
  @AcceptsFormBody()
  login(@Req() request: Request, @Res() response: Response): void {
    if (!this.fromPage(request, response)) return;
    const token: unknown = (request.body as Record<string, unknown> | undefined)?.token;
    if (typeof token !== 'string' || !sameSecret(token, this.config.adminToken)) {
      this.logger.warn({ ip: request.ip }, 'admin page login with a wrong token');
      return send(response, 401, loginPage('That is not the admin token.'));
    }
    response.setHeader('Set-Cookie', sessionCookie(sessionValue(this.config.adminToken), this.secure));
    seeOther(response, '/admin');
  }

  @Post('logout')
  @AcceptsFormBody()
  logout(@Req() request: Request, @Res() response: Response): void {
    if (!this.fromPage(request, response)) return;
    response.setHeader('Set-Cookie', sessionCookie(null, this.secure));
    seeOther(response, '/admin/login');
  }

  /** The Retry button of a failed reminder; back to the page with a notice saying how it went. */
  @Post('reminders/:id/retry')
  @AcceptsFormBody()
  async retry(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.fromPage(request, response)) return;
    if (!this.signedIn(request)) return seeOther(response, '/admin/login');
    const id = String(request.params.id);
    seeOther(response, `/admin?notice=${UUID.test(id) ? await this.retried(id) : 'not-found'}#failed-reminders`);
  }

  private async retried(id: string): Promise<Notice> {
    try {
      await this.reminders.retry(id, { kind: 'admin-token' });
      return 'retried';
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'conflict') return 'not-failed';
      if (error instanceof DomainError && error.kind === 'not_found') return 'not-found';
      throw error;
    }
  }

  private signedIn(request: Request): boolean {
    return validSession(this.config.adminToken, cookieOf(request, SESSION_COOKIE));
  }

  /** Refuses (403) a POST from another site's page; true when the request may go on. */
  private fromPage(request: Request, response: Response): boolean {
    if (sameOrigin(request, this.config.publicBaseUrl)) return true;
    send(response, 403, messagePage('Refused', 'This form was sent from another site, so it was refused.'));
    return false;
  }

  private get secure(): boolean {
    return this.config.publicBaseUrl.startsWith('https:');
  }

  /** A section that fails (Temporal down, say) shows its error; the rest of the page still renders. */
  private async settle<T>(what: string, promise: Promise<T>): Promise<Section<T>> {
    try {
      return { ok: true, value: await promise };
    } catch (error) {
      this.logger.error({ err: error }, `admin page: could not load ${what}`);
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
}

function pageHeaders(response: Response): void {
  response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  response.setHeader('Cache-Control', 'no-store');
  // helmet's `no-referrer` makes Chromium send `Origin: null` on the page's own form posts, which
  // the origin check must refuse; `same-origin` keeps the origin for them and still tells other sites nothing.
  response.setHeader('Referrer-Policy', 'same-origin');
}

function send(response: Response, status: number, page: string): void {
  pageHeaders(response);
  response.status(status).type('html').send(page);
}

function seeOther(response: Response, location: string): void {
  pageHeaders(response);
  response.redirect(303, location);
}
