import type { Page } from '@liaison/common';
import { EXECUTION_STATUSES, WORKFLOW_KINDS } from '../monitoring.types';
import type { AdminReminder, QueueCounts, WorkflowCount, WorkflowSummary } from '../monitoring.types';
import type { Lateness, Upcoming } from './admin-page.queries';
import { latenessChart, timelineLegend, upcomingTimeline } from './charts';
import { relative, seconds, utc } from './format';
import { html, SafeHtml } from './html';

/** A section's data, or why it could not be read: one broken source must not blank the whole page. */
export type Section<T> = { ok: true; value: T } | { ok: false; error: string };

/** What the page says after a form post (a fixed text per code: nothing from the URL is shown). */
export const NOTICES = {
  retried: { tone: 'ok', text: 'The reminder is back on the queue; it turns sent once delivered.' },
  'not-failed': { tone: 'warn', text: 'That reminder is no longer failed, so it was not retried.' },
  'not-found': { tone: 'warn', text: 'There is no such reminder.' },
} as const;
export type Notice = keyof typeof NOTICES;

export interface Dashboard {
  now: Date;
  notice: Notice | null;
  counts: Section<WorkflowCount[]>;
  late: Section<Page<WorkflowSummary>>;
  stuck: Section<Page<WorkflowSummary>>;
  failed: Section<Page<AdminReminder>>;
  queues: Section<QueueCounts[]>;
  upcoming: Section<Upcoming>;
  lateness: Section<Lateness>;
}

const STYLE = `
  :root { color-scheme: light; --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #f6f8fa; --accent: #0969da; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--fg); background: var(--bg); }
  header { display: flex; align-items: center; gap: 16px; padding: 10px 24px; background: #24292f; color: #fff; }
  header h1 { font-size: 16px; margin: 0; font-weight: 600; }
  header .meta { color: #afb8c1; font-size: 12px; margin-left: auto; }
  header a, header button { color: #fff; }
  header button { background: none; border: 1px solid #57606a; border-radius: 6px; padding: 3px 10px; font: inherit; cursor: pointer; }
  main { max-width: 1160px; margin: 0 auto; padding: 16px 24px 48px; }
  section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 14px 18px; margin-top: 16px; }
  section h2 { font-size: 15px; margin: 0 0 10px; }
  section h2 .count { color: var(--muted); font-weight: normal; }
  .grid-2 { display: grid; grid-template-columns: 3fr 2fr; gap: 16px; align-items: start; }
  .grid-2 > section { margin-top: 16px; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eaeef2; vertical-align: top; }
  th { font-size: 12px; color: var(--muted); font-weight: 600; white-space: nowrap; }
  td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
  td.zero { color: #afb8c1; }
  tbody tr:hover { background: #f6f8fa; }
  .nowrap { white-space: nowrap; }
  .muted { color: var(--muted); }
  .small { font-size: 12px; }
  .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
  .error-text { color: #a40e26; max-width: 320px; overflow-wrap: anywhere; }
  .pill { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; background: #eaeef2; white-space: nowrap; }
  .pill.late, .pill.failed { background: #ffebe9; color: #a40e26; }
  .pill.running { background: #ddf4ff; color: #0550ae; }
  .empty { color: var(--muted); font-style: italic; margin: 4px 0; }
  .notice { padding: 9px 14px; border-radius: 6px; margin-top: 16px; }
  .notice.ok { background: #dafbe1; border: 1px solid #4ac26b; }
  .notice.warn { background: #fff8c5; border: 1px solid #d4a72c; }
  .notice.error { background: #ffebe9; border: 1px solid #ff8182; }
  .summary { margin: 0 0 8px; }
  .summary b { font-variant-numeric: tabular-nums; }
  .legend { color: var(--muted); font-size: 12px; margin: 6px 0 0; }
  .legend svg { vertical-align: -1px; }
  button.retry { background: var(--accent); color: #fff; border: 0; border-radius: 6px; padding: 3px 12px; font: inherit; cursor: pointer; }
  a { color: var(--accent); }
  svg text { font: 11px system-ui, sans-serif; fill: var(--muted); }
  svg .lane { fill: #fff; } svg .lane-odd { fill: #f6f8fa; }
  svg .lane-label { fill: var(--fg); font-weight: 600; }
  svg .grid { stroke: #eaeef2; } svg .grid-strong { stroke: #d0d7de; }
  svg .now { stroke: var(--accent); stroke-dasharray: 3 2; } svg .now-label { fill: var(--accent); }
  svg .axis-line { stroke: #8c959f; }
  svg .hover { fill: transparent; } svg g:hover .hover { fill: #ddf4ff; }
  svg .whisker { stroke: #8c959f; stroke-width: 2; }
  svg .p50 { fill: #0969da; } svg .p95 { fill: #d4a72c; } svg .max { stroke: #cf222e; stroke-width: 2.5; }
  .login { max-width: 360px; margin: 12vh auto; background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 24px; }
  .login h1 { font-size: 18px; margin: 0 0 14px; }
  .login label { display: block; font-weight: 600; margin-bottom: 4px; }
  .login input { width: 100%; padding: 7px 9px; border: 1px solid var(--line); border-radius: 6px; font: inherit; }
  .login button { margin-top: 12px; width: 100%; padding: 7px; background: #1f883d; color: #fff; border: 0; border-radius: 6px; font: inherit; font-weight: 600; cursor: pointer; }
  @media (max-width: 900px) { .grid-2 { grid-template-columns: 1fr; } }
`;

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <style>
          ${new SafeHtml(STYLE)}
        </style>
      </head>
      <body>
        ${body}
      </body>
    </html>`.value;
}

/** The login form; `error` when the last attempt failed. */
export function loginPage(error: string | null): string {
  return layout(
    'Liaison admin: log in',
    html`<form class="login" method="post" action="/admin/login" data-testid="login-form">
      <h1>Liaison admin</h1>
      ${error ? html`<p class="notice error" role="alert" data-testid="login-error">${error}</p>` : null}
      <label for="token">Admin token</label>
      <input id="token" name="token" type="password" autocomplete="current-password" required autofocus data-testid="login-token" />
      <button type="submit" data-testid="login-submit">Log in</button>
    </form>`,
  );
}

/** A plain page for a refused request (a cross-site form post). */
export function messagePage(title: string, message: string): string {
  return layout(
    title,
    html`<main>
      <p class="notice error" role="alert" data-testid="message">${message}</p>
      <p><a href="/admin">Back to the admin page</a></p>
    </main>`,
  );
}

export function dashboardPage(data: Dashboard): string {
  const notice = data.notice ? NOTICES[data.notice] : null;
  return layout(
    'Liaison admin',
    html`<header>
        <h1>Liaison admin</h1>
        <a href="/admin" data-testid="reload">Reload</a>
        <span class="meta">as of ${utc(data.now)}</span>
        <form method="post" action="/admin/logout"><button type="submit" data-testid="logout">Log out</button></form>
      </header>
      <main>
        ${notice ? html`<p class="notice ${notice.tone}" role="status" data-testid="notice">${notice.text}</p>` : null}
        <div class="grid-2">
          ${section('Workflows by kind and status', 'workflow-counts', data.counts, countsTable)}
          ${section('Queues', 'queue-counts', data.queues, queuesTable)}
        </div>
        ${section('Late workflows', 'late-workflows', data.late, (page) => workflowsTable(page, 'late', data.now))}
        ${section('Stuck workflows', 'stuck-workflows', data.stuck, (page) => workflowsTable(page, 'stuck', data.now))}
        ${section('Failed reminders', 'failed-reminders', data.failed, (page) => failedTable(page, data.now))}
        ${section('Exchanges in the next 30 days', 'upcoming-exchanges', data.upcoming, upcomingSection)}
        ${section('Reminder lateness, last 24 hours', 'reminder-lateness', data.lateness, latenessSection)}
      </main>`,
  );
}

function section<T>(title: string, testId: string, data: Section<T>, body: (value: T) => SafeHtml): SafeHtml {
  const content = data.ok ? body(data.value) : html`<p class="notice error" role="alert">Could not load this section: ${data.error}</p>`;
  return html`<section id="${testId}" data-testid="${testId}">
    <h2>${title}</h2>
    ${content}
  </section>`;
}

function countsTable(counts: WorkflowCount[]): SafeHtml {
  const of = (kind: string, status: string) => counts.find((c) => c.kind === kind && c.status === status)?.count ?? 0;
  return html`<table>
    <thead>
      <tr>
        <th>kind</th>
        ${EXECUTION_STATUSES.map((s) => html`<th class="num">${s}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${WORKFLOW_KINDS.map(
        (kind) =>
          html`<tr>
            <th>${kind}</th>
            ${EXECUTION_STATUSES.map((status) => {
              const count = of(kind, status);
              return html`<td class="num ${count === 0 ? 'zero' : ''}" data-testid="count-${kind}-${status}">${count}</td>`;
            })}
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'] as const;

function queuesTable(queues: QueueCounts[]): SafeHtml {
  if (queues.length === 0) return html`<p class="empty">No queues.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>jobs</th>
        ${queues.map((q) => html`<th class="num">${q.queue}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${QUEUE_STATES.map(
        (state) =>
          html`<tr>
            <th>${state}</th>
            ${queues.map(
              (q) =>
                html`<td class="num ${q.counts[state] === 0 ? 'zero' : ''}" data-testid="queue-${q.queue}-${state}">
                  ${q.counts[state]}
                </td>`,
            )}
          </tr>`,
      )}
      <tr>
        <th>workers listening</th>
        ${queues.map((q) => html`<td class="num" data-testid="queue-${q.queue}-workers">${q.workers}</td>`)}
      </tr>
    </tbody>
  </table>`;
}

function workflowsTable(page: Page<WorkflowSummary>, which: 'late' | 'stuck', now: Date): SafeHtml {
  if (page.items.length === 0) return html`<p class="empty" data-testid="no-${which}-workflows">No ${which} workflows.</p>`;
  const rows = page.items.map(
    (w) =>
      html`<tr data-testid="${which}-workflow" data-workflow-id="${w.workflowId}">
        <td><span class="pill">${w.kind}</span></td>
        <td>
          ${w.business ? w.business.title : html`<span class="muted">no row for</span>`}
          <div class="mono muted">${w.entityId}</div>
        </td>
        <td>${w.business ? html`<span class="pill">${w.business.status}</span>` : '—'}</td>
        <td>${w.waitingFor ?? html`<span class="muted">—</span>`}${w.stuck ? stuckReason(w.stuck) : null}</td>
        <td class="nowrap">
          ${
            w.nextDeadline
              ? html`${utc(w.nextDeadline)}
                  <div class="small ${w.late ? 'error-text' : 'muted'}">${relative(w.nextDeadline, now)}</div>`
              : '—'
          }
        </td>
        <td class="nowrap"><a href="${w.links.temporalUi}" target="_blank" rel="noopener noreferrer">history ↗</a></td>
      </tr>`,
  );
  return html`<table>
      <thead>
        <tr>
          <th>kind</th>
          <th>title</th>
          <th>status</th>
          <th>waiting for</th>
          <th>next deadline</th>
          <th>Temporal</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    ${more(page, `/v1/admin/workflows?${which}=true`)}`;
}

function stuckReason(stuck: NonNullable<WorkflowSummary['stuck']>): SafeHtml {
  return html`<div class="small error-text">
    stuck on ${stuck.what} ${stuck.name} since ${utc(stuck.since)}, attempt
    ${stuck.attempt}${stuck.lastFailure ? html`: ${stuck.lastFailure}` : null}
  </div>`;
}

function failedTable(page: Page<AdminReminder>, now: Date): SafeHtml {
  if (page.items.length === 0) return html`<p class="empty" data-testid="no-failed-reminders">No failed reminders.</p>`;
  const rows = page.items.map(
    (r) =>
      html`<tr data-testid="failed-reminder" data-reminder-id="${r.id}">
        <td>${r.kind}</td>
        <td><span class="pill">${r.channel}</span></td>
        <td>
          ${r.person.name}
          <div class="small muted">${r.person.organization}</div>
        </td>
        <td>
          ${r.about.title}
          <div class="small muted">${r.about.type}</div>
        </td>
        <td class="nowrap">
          ${utc(r.dueAt)}
          <div class="small muted">${relative(r.dueAt, now)}</div>
        </td>
        <td class="num">${r.attempts}</td>
        <td class="error-text small">${r.lastError ?? '—'}</td>
        <td>
          <form method="post" action="/admin/reminders/${r.id}/retry">
            <button class="retry" type="submit" data-testid="retry-reminder">Retry</button>
          </form>
        </td>
      </tr>`,
  );
  return html`<table>
      <thead>
        <tr>
          <th>kind</th>
          <th>channel</th>
          <th>person</th>
          <th>about</th>
          <th>due</th>
          <th class="num">attempts</th>
          <th>last error</th>
          <th></th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    ${more(page, '/v1/admin/reminders?status=failed')}`;
}

/** Where to find the rest when a list was cut at the page's limit. */
function more(page: Page<unknown>, api: string): SafeHtml | null {
  return page.nextCursor
    ? html`<p class="small muted">Showing the first ${page.items.length}; <span class="mono">GET ${api}</span> lists them all.</p>`
    : null;
}

function upcomingSection(upcoming: Upcoming): SafeHtml {
  if (upcoming.items.length === 0) return html`<p class="empty" data-testid="no-upcoming-exchanges">No exchanges in the next 30 days.</p>`;
  const exchanges = new Set(upcoming.items.map((item) => item.id)).size;
  const organizations = new Set(upcoming.items.map((item) => item.organization)).size;
  return html`<p class="summary">
      <b>${exchanges}</b> exchanges, <b>${organizations}</b> organisations, ${utc(upcoming.from)} to
      ${utc(upcoming.to)}${
        upcoming.truncated ? html` <span class="error-text">(only the first ${upcoming.items.length} rows are drawn)</span>` : null
      }
    </p>
    ${upcomingTimeline(upcoming)}${timelineLegend()}`;
}

function latenessSection(lateness: Lateness): SafeHtml {
  const all = lateness.overall;
  if (!all) return html`<p class="empty" data-testid="no-lateness">No reminders sent in the last 24 hours.</p>`;
  return html`<p class="summary" data-testid="lateness-summary">
      <b>${all.sent}</b> reminders sent · p50 <b>${seconds(all.p50)}</b> · p95 <b>${seconds(all.p95)}</b> · max
      <b>${seconds(all.max)}</b> late
    </p>
    ${latenessChart(lateness)}`;
}
