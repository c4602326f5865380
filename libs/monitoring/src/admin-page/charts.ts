import type { Lateness, Upcoming, UpcomingExchange } from './admin-page.queries';
import { seconds, utc, utcDay, utcHour } from './format';
import { html, SafeHtml } from './html';

/** Inline SVG drawn on the server: no script, no external file, so the page's CSP stays `default-src 'none'`. */

const WIDTH = 1000;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const STATUS_COLOURS: Record<string, string> = { scheduled: '#c77c02', confirmed: '#1a7f37' };
const OTHER_COLOUR = '#57606a';

/** Rounds to a tenth of a pixel: shorter markup, same picture. */
const px = (value: number) => Math.round(value * 10) / 10;

/**
 * One row per organisation taking part, a mark per exchange at its start (as wide as it lasts, at
 * least a few pixels), days as grid lines with Mondays labelled. The host's mark is filled, a guest
 * organisation's is outlined; the colour is the status. Each mark's tooltip says what and when.
 */
export function upcomingTimeline(upcoming: Upcoming): SafeHtml {
  const rows = groupBy(upcoming.items, (item) => item.organization);
  const label = 110;
  const right = 12;
  const top = 26;
  const rowHeight = 26;
  const height = top + rows.length * rowHeight + 6;
  const span = upcoming.to.getTime() - upcoming.from.getTime();
  const x = (at: number) => px(label + ((at - upcoming.from.getTime()) / span) * (WIDTH - label - right));

  const days: SafeHtml[] = [];
  for (let day = Math.ceil(upcoming.from.getTime() / DAY_MS) * DAY_MS; day < upcoming.to.getTime(); day += DAY_MS) {
    const monday = new Date(day).getUTCDay() === 1;
    days.push(html`<line x1="${x(day)}" x2="${x(day)}" y1="${top - 4}" y2="${height}" class="${monday ? 'grid-strong' : 'grid'}" />`);
    // A label needs about 80 px; the last Monday may sit too near the edge for one.
    if (monday && x(day) < WIDTH - 80)
      days.push(html`<text x="${x(day) + 3}" y="${top - 10}" class="axis">${utcDay(new Date(day))}</text>`);
  }

  const lanes = rows.map(([organization, items], i) => {
    const y = top + i * rowHeight;
    const marks = items.map((item) => timelineMark(item, x, y + rowHeight / 2));
    return html`<g data-testid="timeline-row" data-organization="${organization}">
      <rect x="0" y="${y}" width="${WIDTH}" height="${rowHeight}" class="${i % 2 ? 'lane-odd' : 'lane'}" />
      <text x="8" y="${y + rowHeight / 2 + 4}" class="lane-label"><title>${items[0].organizationName}</title>${organization}</text>
      ${marks}
    </g>`;
  });

  return html`<svg
    viewBox="0 0 ${WIDTH} ${height}"
    width="100%"
    role="img"
    aria-label="Exchanges in the next 30 days, by organisation"
    data-testid="upcoming-timeline"
  >
    ${lanes}${days}
    <line x1="${label}" x2="${label}" y1="${top - 18}" y2="${height}" class="now" />
    <text x="${label + 3}" y="${top - 10}" class="axis now-label">now</text>
  </svg>`;
}

function timelineMark(item: UpcomingExchange, x: (at: number) => number, middle: number): SafeHtml {
  const start = item.startsAt.getTime();
  const left = x(start);
  const width = Math.max(5, px(x(start + item.durationMinutes * 60_000) - left));
  const colour = STATUS_COLOURS[item.status] ?? OTHER_COLOUR;
  const tooltip = `${item.title} · ${utc(item.startsAt)} · ${item.durationMinutes} min · ${item.status} (${item.host ? 'host' : 'guest'})`;
  return html`<rect
    x="${left}"
    y="${middle - 7}"
    width="${width}"
    height="14"
    rx="2"
    fill="${item.host ? colour : '#fff'}"
    stroke="${colour}"
    stroke-width="1.5"
    data-testid="timeline-exchange"
    data-exchange-id="${item.id}"
    ><title>${tooltip}</title></rect
  >`;
}

/** The legend under the timeline, in the same colours. */
export function timelineLegend(): SafeHtml {
  const swatch = (fill: string, stroke: string) =>
    html`<svg width="14" height="12" aria-hidden="true">
      <rect x="1" y="1" width="12" height="10" rx="2" fill="${fill}" stroke="${stroke}" stroke-width="1.5" />
    </svg>`;
  return html`<p class="legend">
    ${swatch(STATUS_COLOURS.scheduled, STATUS_COLOURS.scheduled)} scheduled ${swatch(STATUS_COLOURS.confirmed, STATUS_COLOURS.confirmed)}
    confirmed ${swatch('#fff', OTHER_COLOUR)} outlined: the organisation takes part, another hosts
  </p>`;
}

/** Log-scale ticks of the lateness axis, in seconds. */
const TICKS: Array<[number, string]> = [
  [0.01, '10 ms'],
  [0.1, '100 ms'],
  [1, '1 s'],
  [10, '10 s'],
  [60, '1 min'],
  [600, '10 min'],
  [3600, '1 h'],
  [36_000, '10 h'],
  [86_400, '1 d'],
];

/**
 * Per hour: a line from p50 to max, a dot at p50, a square at p95 and a bar at max. The axis is
 * logarithmic because lateness spans milliseconds (a healthy queue) to hours (a retried delivery);
 * anything under 10 ms, early deliveries included, sits on the floor, and over a day on the top.
 */
export function latenessChart(lateness: Lateness): SafeHtml {
  const height = 240;
  const left = 64;
  const right = 12;
  const top = 12;
  const bottom = 30;
  const plotHeight = height - top - bottom;
  const highest = Math.max(10, ...lateness.hours.map((hour) => hour.stats?.max ?? 0));
  const ticks = TICKS.filter((_tick, i) => i === 0 || TICKS[i - 1][0] < highest);
  const floor = Math.log10(ticks[0][0]);
  const ceiling = Math.log10(ticks[ticks.length - 1][0]);
  const y = (value: number) => {
    const level = Math.min(Math.max(Math.log10(Math.max(value, ticks[0][0])), floor), ceiling);
    return px(top + plotHeight - ((level - floor) / (ceiling - floor)) * plotHeight);
  };
  const band = (WIDTH - left - right) / lateness.hours.length;
  const centre = (i: number) => px(left + band * (i + 0.5));

  const grid = ticks.map(
    ([value, text]) =>
      html`<line x1="${left}" x2="${WIDTH - right}" y1="${y(value)}" y2="${y(value)}" class="grid" /><text
          x="${left - 6}"
          y="${y(value) + 4}"
          text-anchor="end"
          class="axis"
          >${text}</text
        >`,
  );
  const hours = lateness.hours.map(({ start, stats }, i) => {
    const label =
      i % 3 === 0 ? html`<text x="${centre(i)}" y="${height - 10}" text-anchor="middle" class="axis">${utcHour(start)}</text>` : null;
    if (!stats) return label;
    const c = centre(i);
    const until = utcHour(new Date(start.getTime() + HOUR_MS));
    const tooltip = `${utcHour(start)}–${until} UTC: ${stats.sent} sent; p50 ${seconds(stats.p50)}, p95 ${seconds(stats.p95)}, max ${seconds(stats.max)}`;
    return html`${label}<g data-testid="lateness-hour" data-hour="${start.toISOString()}">
        <title>${tooltip}</title>
        <rect x="${px(c - band / 2 + 1)}" y="${top}" width="${px(band - 2)}" height="${plotHeight}" class="hover" />
        <line x1="${c}" x2="${c}" y1="${y(stats.p50)}" y2="${y(stats.max)}" class="whisker" />
        <line x1="${c - 6}" x2="${c + 6}" y1="${y(stats.max)}" y2="${y(stats.max)}" class="max" />
        <rect x="${c - 4}" y="${y(stats.p95) - 4}" width="8" height="8" class="p95" />
        <circle cx="${c}" cy="${y(stats.p50)}" r="4" class="p50" />
      </g>`;
  });
  return html`<svg
      viewBox="0 0 ${WIDTH} ${height}"
      width="100%"
      role="img"
      aria-label="Reminder lateness per hour, last 24 hours"
      data-testid="lateness-chart"
    >
      ${grid}
      <line x1="${left}" x2="${WIDTH - right}" y1="${top + plotHeight}" y2="${top + plotHeight}" class="axis-line" />
      ${hours}
    </svg>
    <p class="legend">
      <svg width="12" height="12" aria-hidden="true"><circle cx="6" cy="6" r="4" class="p50" /></svg> p50
      <svg width="12" height="12" aria-hidden="true"><rect x="2" y="2" width="8" height="8" class="p95" /></svg> p95
      <svg width="14" height="12" aria-hidden="true"><line x1="1" x2="13" y1="6" y2="6" class="max" /></svg> max · hours in UTC, seconds
      from due to sent, logarithmic scale
    </p>`;
}

function groupBy<T>(items: T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return [...groups];
}
