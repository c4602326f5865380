import type { Page } from '@liaison/common';
import type { AdminReminder, QueueCounts, WorkflowCount, WorkflowSummary } from '../monitoring.types';
import { layout } from './admin-page.layout';
import type { Lateness, Upcoming } from './admin-page.queries';
import { countsTable, failedTable, latenessSection, queuesTable, upcomingSection, workflowsTable } from './admin-page.sections';
import { utc } from './format';
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
