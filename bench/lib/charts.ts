import { Resvg } from '@resvg/resvg-js';

/** One line of a chart: its name in the legend and its points. */
export interface Series {
  name: string;
  points: Array<[number, number]>;
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  /** A logarithmic x axis (base 2), for concurrency levels 1, 2, 4, 8 … */
  logX?: boolean;
  /** Horizontal dashed lines: a target, say. */
  marks?: Array<{ y: number; label: string }>;
}

const WIDTH = 900;
const HEIGHT = 480;
const PAD = { left: 90, right: 30, top: 70, bottom: 70 };
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b'];
const FONT = 'font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif"';

/** A line chart with points, axes with round ticks, a legend and optional dashed marks, as SVG. */
export function lineChartSvg(chart: LineChart): string {
  const all = chart.series.flatMap((s) => s.points);
  const xs = all.map(([x]) => (chart.logX ? Math.log2(x) : x));
  const ys = [...all.map(([, y]) => y), ...(chart.marks ?? []).map((m) => m.y)];
  const [x0, x1] = span(Math.min(...xs), Math.max(...xs));
  const yTicks = niceTicks(Math.min(0, ...ys), Math.max(...ys));
  const [y0, y1] = [yTicks[0], yTicks[yTicks.length - 1]];
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const px = (x: number) => PAD.left + (((chart.logX ? Math.log2(x) : x) - x0) / (x1 - x0)) * plotW;
  const py = (y: number) => PAD.top + plotH - ((y - y0) / (y1 - y0)) * plotH;

  const xTickValues = chart.logX ? [...new Set(all.map(([x]) => x))].sort((a, b) => a - b) : niceTicks(x0, x1);
  const parts: string[] = [
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    text(WIDTH / 2, 28, chart.title, 'middle', 18, 'bold'),
    ...yTicks.map(
      (y) =>
        `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${py(y)}" y2="${py(y)}" stroke="#e5e5e5"/>` +
        text(PAD.left - 8, py(y) + 4, tickLabel(y), 'end', 12),
    ),
    ...xTickValues.map((x) => text(px(x), HEIGHT - PAD.bottom + 20, tickLabel(x), 'middle', 12)),
    `<line x1="${PAD.left}" x2="${PAD.left}" y1="${PAD.top}" y2="${HEIGHT - PAD.bottom}" stroke="#333"/>`,
    `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${HEIGHT - PAD.bottom}" y2="${HEIGHT - PAD.bottom}" stroke="#333"/>`,
    text(PAD.left + plotW / 2, HEIGHT - 22, chart.xLabel, 'middle', 14),
    `<text x="22" y="${PAD.top + plotH / 2}" ${FONT} font-size="14" text-anchor="middle" transform="rotate(-90 22 ${PAD.top + plotH / 2})">${escape(chart.yLabel)}</text>`,
  ];
  for (const mark of chart.marks ?? []) {
    parts.push(
      `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${py(mark.y)}" y2="${py(mark.y)}" stroke="#555" stroke-dasharray="6 4"/>`,
      text(WIDTH - PAD.right - 4, py(mark.y) - 6, mark.label, 'end', 12),
    );
  }
  chart.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const sorted = [...series.points].sort((a, b) => a[0] - b[0]);
    const path = sorted.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${path}" fill="none" stroke="${colour}" stroke-width="2"/>`);
    // Dots only where they stay readable.
    if (sorted.length <= 40) {
      parts.push(...sorted.map(([x, y]) => `<circle cx="${px(x).toFixed(1)}" cy="${py(y).toFixed(1)}" r="3.5" fill="${colour}"/>`));
    }
    // The legend is a row between the title and the plot, where it hides no line.
    const lx = PAD.left + legendOffsets(chart.series)[i];
    parts.push(`<rect x="${lx}" y="46" width="14" height="4" fill="${colour}"/>`, text(lx + 20, 52, series.name, 'start', 13));
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">${parts.join('')}</svg>`;
}

/** Where each legend entry starts, from the plot's left edge (text width estimated from its length). */
function legendOffsets(series: Series[]): number[] {
  let x = 0;
  return series.map((s) => {
    const at = x;
    x += 40 + s.name.length * 7.5;
    return at;
  });
}

/** Renders SVG to PNG with the system's fonts. */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: 'white' }).render().asPng();
}

function text(x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end', size: number, weight = 'normal'): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${FONT} font-size="${size}" font-weight="${weight}" text-anchor="${anchor}" fill="#222">${escape(content)}</text>`;
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function span(min: number, max: number): [number, number] {
  return min === max ? [min - 1, max + 1] : [min, max];
}

/** About six round ticks (1, 2 or 5 × 10ⁿ apart) covering [min, max]. */
function niceTicks(min: number, max: number): number[] {
  if (min === max) max = min + 1;
  const raw = (max - min) / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toPrecision(12)));
  return ticks;
}

function tickLabel(value: number): string {
  if (Math.abs(value) >= 10_000) return `${Number((value / 1000).toPrecision(4))}k`;
  return String(Number(value.toPrecision(4)));
}
