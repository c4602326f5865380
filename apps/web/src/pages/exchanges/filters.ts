import { parseDate } from '@internationalized/date';
import { startOfDay } from '../agenda/week';
import type { ExchangeFilters } from './exchanges-queries';

/** The filters chosen from a list (`Any` is their absence). */
export const CHOICES = ['status', 'level', 'organization', 'area'] as const;

/**
 * The list's filters as the URL's search params give them (`?status=confirmed&from=2026-12-01`), as
 * the API takes them: `from` and `to` are days in `timeZone`, both included (`to` is the start of
 * the day after); the others go as the URL gives them, a bad one being the API's to refuse.
 */
export function filtersOf(params: URLSearchParams, timeZone: string): ExchangeFilters {
  const filters: Record<string, string> = {};
  for (const key of CHOICES) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  const from = dayOf(params.get('from'));
  if (from) filters.from = startOfDay(from, timeZone);
  const to = dayOf(params.get('to'));
  if (to) filters.to = startOfDay(to.add({ days: 1 }), timeZone);
  return filters;
}

/** A `YYYY-MM-DD` day; undefined when absent, malformed or impossible (`2026-02-31`). */
function dayOf(value: string | null) {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  try {
    return parseDate(value);
  } catch {
    return undefined;
  }
}
