import { CalendarDate, getDayOfWeek, parseAbsolute, parseDate, toCalendarDate, toZoned, today } from '@internationalized/date';

/** A week of the agenda: Monday to Sunday, as days of the reader's time zone. */
export interface Week {
  /** Its Monday. */
  start: CalendarDate;
  days: CalendarDate[];
  /** The instants that bound it in `timeZone`: Monday 00:00 (inclusive) to the next Monday 00:00 (exclusive). */
  from: string;
  to: string;
}

/** The week (Monday first, as ISO 8601 has it) holding `day`, bounded in `timeZone`. */
export function weekOf(day: CalendarDate, timeZone: string): Week {
  // 'en-GB' only picks Monday as the first day of the week; nothing is formatted here.
  const start = day.subtract({ days: getDayOfWeek(day, 'en-GB') });
  const days = Array.from({ length: 7 }, (_, i) => start.add({ days: i }));
  return {
    start,
    days,
    from: toZoned(start, timeZone).toAbsoluteString(),
    to: toZoned(start.add({ weeks: 1 }), timeZone).toAbsoluteString(),
  };
}

/** The week a `?week=2026-12-07` parameter names (any day of it); this week when absent or malformed. */
export function weekFromParam(param: string | null, timeZone: string): Week {
  if (param && /^\d{4}-\d{2}-\d{2}$/.test(param)) {
    try {
      return weekOf(parseDate(param), timeZone);
    } catch {
      // An impossible date (2026-02-31): this week.
    }
  }
  return weekOf(today(timeZone), timeZone);
}

/** The day an instant falls on, in `timeZone`. */
export function dayOf(iso: string, timeZone: string): CalendarDate {
  return toCalendarDate(parseAbsolute(iso, timeZone));
}

/** The instant a day begins in `timeZone` (00:00 local, or the first instant after a gap). */
export function startOfDay(day: CalendarDate, timeZone: string): string {
  return toZoned(day, timeZone).toAbsoluteString();
}

/** Each of the week's days with the items that start on it (in `timeZone`), in the order given. */
export function byDay<T extends { startsAt: string }>(week: Week, items: T[], timeZone: string): Array<{ day: CalendarDate; items: T[] }> {
  const columns = week.days.map((day) => ({ day, items: [] as T[] }));
  for (const item of items) {
    const column = columns.find((c) => c.day.compare(dayOf(item.startsAt, timeZone)) === 0);
    column?.items.push(item);
  }
  return columns;
}
