import type { Lateness } from './admin-page.queries';
import { latenessChart, upcomingTimeline } from './charts';

const HOUR = 3_600_000;

describe('admin page charts', () => {
  it('draws one timeline row per organisation and one mark per exchange and organisation, with escaped tooltips', () => {
    const from = new Date('2026-05-04T00:00:00Z');
    const exchange = (id: string, organization: string, days: number, host: boolean) => ({
      id,
      title: `Talks <${id}>`,
      status: 'confirmed',
      startsAt: new Date(from.getTime() + days * 24 * HOUR),
      durationMinutes: 60,
      organization,
      organizationName: `${organization} secretariat`,
      host,
    });
    const svg = upcomingTimeline({
      from,
      to: new Date(from.getTime() + 30 * 24 * HOUR),
      truncated: false,
      items: [exchange('e1', 'NATO', 2, false), exchange('e1', 'UN', 2, true), exchange('e2', 'UN', 15, true)],
    }).value;
    expect(svg.match(/data-testid="timeline-row"/g)).toHaveLength(2);
    expect(svg.match(/data-testid="timeline-exchange"/g)).toHaveLength(3);
    expect(svg).toContain('Talks &lt;e1&gt;');
    expect(svg).not.toContain('<e1>');
    // Half way through the window: the middle of the plot (110 px of labels, 12 px right margin).
    expect(svg).toContain(`x="${110 + (1000 - 110 - 12) / 2}" y=`);
  });

  it('places each hour’s p50, p95 and max on a logarithmic axis, and leaves empty hours blank', () => {
    const start = Date.parse('2026-05-04T00:00:00Z');
    const lateness: Lateness = {
      hours: Array.from({ length: 24 }, (_, i) => ({
        start: new Date(start + i * HOUR),
        stats: i === 23 ? { sent: 3, p50: 0.1, p95: 1, max: 10 } : null,
      })),
      overall: { sent: 3, p50: 0.1, p95: 1, max: 10 },
    };
    const svg = latenessChart(lateness).value;
    expect(svg.match(/data-testid="lateness-hour"/g)).toHaveLength(1);
    expect(svg).toContain('23:00–00:00 UTC: 3 sent; p50 0.10 s, p95 1.00 s, max 10.0 s');
    // Ticks 10 ms … 10 s over 198 px: a decade is 66 px, from y = 210 at the floor up to y = 12.
    expect(svg).toContain('<circle cx="968.8" cy="144" r="4" class="p50" />');
    expect(svg).toContain('y1="12" y2="12" class="max"');
  });
});
