import type { Page } from '@liaison/common';
import type { QueueState } from '@liaison/notifications';
import { EXECUTION_STATUSES } from '../monitoring.types';
import { WORKFLOW_KINDS } from '@liaison/domain';
import type { AdminReminder, QueueCounts, WorkflowCount, WorkflowSummary } from '../monitoring.types';
import type { Lateness, Upcoming } from './admin-page.queries';
import { latenessChart, timelineLegend, upcomingTimeline } from './charts';
import { relative, seconds, utc } from './format';
import { html, SafeHtml } from './html';

/* The bodies of the dashboard's sections, one function per section. */

export function countsTable(counts: WorkflowCount[]): SafeHtml {
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

/** The queue's states (QueueState, declared by the queue) in the order the page lists them: what waits, then what ended. */
const QUEUE_ROWS: readonly QueueState[] = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'failed', 'completed'];

export function queuesTable(queues: QueueCounts[]): SafeHtml {
  if (queues.length === 0) return html`<p class="empty">No queues.</p>`;
  return html`<table>
    <thead>
      <tr>
        <th>jobs</th>
        ${queues.map((q) => html`<th class="num">${q.queue}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${QUEUE_ROWS.map(
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

export function workflowsTable(page: Page<WorkflowSummary>, which: 'late' | 'stuck', now: Date): SafeHtml {
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
  const headers = html`<th>kind</th>
    <th>title</th>
    <th>status</th>
    <th>waiting for</th>
    <th>next deadline</th>
    <th>Temporal</th>`;
  return listTable(headers, rows, page, `/v1/admin/workflows?${which}=true`);
}

function stuckReason(stuck: NonNullable<WorkflowSummary['stuck']>): SafeHtml {
  return html`<div class="small error-text">
    stuck on ${stuck.what} ${stuck.name} since ${utc(stuck.since)}, attempt
    ${stuck.attempt}${stuck.lastFailure ? html`: ${stuck.lastFailure}` : null}
  </div>`;
}

export function failedTable(page: Page<AdminReminder>, now: Date): SafeHtml {
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
  const headers = html`<th>kind</th>
    <th>channel</th>
    <th>person</th>
    <th>about</th>
    <th>due</th>
    <th class="num">attempts</th>
    <th>last error</th>
    <th></th>`;
  return listTable(headers, rows, page, '/v1/admin/reminders?status=failed');
}

/** A list's table, and where to find the rest when the list was cut at the page's limit. */
function listTable(headers: SafeHtml, rows: SafeHtml[], page: Page<unknown>, api: string): SafeHtml {
  return html`<table>
      <thead>
        <tr>
          ${headers}
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
    ${more(page, api)}`;
}

/** Where to find the rest when a list was cut at the page's limit. */
function more(page: Page<unknown>, api: string): SafeHtml | null {
  return page.nextCursor
    ? html`<p class="small muted">Showing the first ${page.items.length}; <span class="mono">GET ${api}</span> lists them all.</p>`
    : null;
}

export function upcomingSection(upcoming: Upcoming): SafeHtml {
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

export function latenessSection(lateness: Lateness): SafeHtml {
  const all = lateness.overall;
  if (!all) return html`<p class="empty" data-testid="no-lateness">No reminders sent in the last 24 hours.</p>`;
  return html`<p class="summary" data-testid="lateness-summary">
      <b>${all.sent}</b> reminders sent · p50 <b>${seconds(all.p50)}</b> · p95 <b>${seconds(all.p95)}</b> · max
      <b>${seconds(all.max)}</b> late
    </p>
    ${latenessChart(lateness)}`;
}
