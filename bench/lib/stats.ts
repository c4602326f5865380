/** Figures of a sample: count, percentiles by nearest rank, mean, min and max. */
export interface Summary {
  count: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || 1);
  return {
    count: sorted.length,
    min: sorted[0] ?? NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean,
  };
}

/** Least-squares line y = intercept + slope·x, and how well it fits (R², 1 is a perfect line). */
export function linearFit(points: Array<[number, number]>): { slope: number; intercept: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  const ssRes = points.reduce((s, [x, y]) => s + (y - (intercept + slope * x)) ** 2, 0);
  return { slope, intercept, r2: ssTot === 0 ? 1 : 1 - ssRes / ssTot };
}

/**
 * Whether a cost grows linearly with the work: the points lie on a line (R² ≥ 0.95) and the cost
 * per unit of work at the largest size is within 1.5× that at the smallest (so no hidden quadratic
 * term); or the cost barely grows at all (constant).
 */
export function growthVerdict(points: Array<[number, number]>): string {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const [x0, y0] = sorted[0];
  const [x1, y1] = sorted[sorted.length - 1];
  const fit = linearFit(sorted);
  const perUnitRatio = y1 / x1 / (y0 / x0);
  const workRatio = x1 / x0;
  if (y1 / y0 < 1 + (workRatio - 1) * 0.25) return `sub-linear (×${fmt(y1 / y0, 2)} for ×${fmt(workRatio, 1)} the work)`;
  if (fit.r2 >= 0.95 && perUnitRatio <= 1.5) return `linear (R² ${fmt(fit.r2, 3)}, per-unit cost ×${fmt(perUnitRatio, 2)})`;
  return `super-linear (R² ${fmt(fit.r2, 3)}, per-unit cost ×${fmt(perUnitRatio, 2)} from smallest to largest)`;
}

/** A number for a table: fixed decimals, thousands separated; '–' when there is none. */
export function fmt(value: number | null | undefined, decimals = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return value.toLocaleString('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export const MiB = 1024 * 1024;
