import { loginPage } from './admin-page.layout';
import { Dashboard, dashboardPage } from './admin-page.render';

const empty = <T>(value: T) => ({ ok: true as const, value });

function dashboard(overrides: Partial<Dashboard> = {}): Dashboard {
  const now = new Date('2026-05-04T09:00:00Z');
  return {
    now,
    notice: null,
    counts: empty([]),
    late: empty({ items: [], nextCursor: null }),
    stuck: empty({ items: [], nextCursor: null }),
    failed: empty({ items: [], nextCursor: null }),
    queues: empty([]),
    upcoming: empty({ from: now, to: new Date(now.getTime() + 30 * 86_400_000), items: [], truncated: false }),
    lateness: empty({ hours: [], overall: null }),
    ...overrides,
  };
}

describe('admin page rendering', () => {
  it('says so when a list is empty', () => {
    const page = dashboardPage(dashboard());
    for (const text of ['No late workflows.', 'No stuck workflows.', 'No failed reminders.', 'No exchanges in the next 30 days.']) {
      expect(page).toContain(text);
    }
    expect(page).toContain('No reminders sent in the last 24 hours.');
  });

  it('shows a section that could not be read as an error, escaped, and the others as usual', () => {
    const page = dashboardPage(dashboard({ counts: { ok: false, error: 'Temporal <unavailable>' } }));
    expect(page).toContain('Could not load this section: Temporal &lt;unavailable&gt;');
    expect(page).toContain('No failed reminders.');
  });

  it('escapes what the rows hold and puts a Retry form on each failed reminder', () => {
    const reminder = {
      id: '0b9f7a3e-31f4-4c1e-9f0e-5a1d2c3b4a5f',
      key: 'k',
      kind: 'exchange',
      channel: 'webhook',
      status: 'failed',
      dueAt: '2026-05-04T08:59:00Z',
      sentAt: null,
      attempts: 3,
      lastError: 'fetch failed <ECONNREFUSED>',
      person: { id: 'p', name: '<img src=x>', organization: 'UN' },
      about: { type: 'exchange' as const, id: 'e', title: 'Talks & "more"' },
      updatedAt: '2026-05-04T08:59:30Z',
    };
    const page = dashboardPage(dashboard({ failed: empty({ items: [reminder], nextCursor: null }), notice: 'retried' }));
    expect(page).toContain('&lt;img src=x&gt;');
    expect(page).not.toContain('<img');
    expect(page).toContain('Talks &amp; &quot;more&quot;');
    expect(page).toContain(`<form method="post" action="/admin/reminders/${reminder.id}/retry">`);
    expect(page).toContain('The reminder is back on the queue');
    expect(page).toContain('1 min ago');
  });

  it('shows the login error only after a failed attempt', () => {
    expect(loginPage(null)).not.toContain('data-testid="login-error"');
    expect(loginPage('That is not the admin token.')).toContain('That is not the admin token.');
  });
});
