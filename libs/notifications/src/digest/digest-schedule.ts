import { DateTime } from 'luxon';
import { deferForQuietHours } from '../planning/quiet-hours';

/** The local time of the morning digest. */
export const DIGEST_HOUR = 7;

/** Working days are looked for this far ahead: an organisation with no working day in a year has no digest. */
const HORIZON_DAYS = 400;

/** What decides when a person's digest is due: their zone and quiet hours, their organisation's working days. */
export interface DigestSchedule {
  zone: string;
  /** ISO weekdays off (1 = Monday). */
  weekendDays: readonly number[];
  /** Local dates (YYYY-MM-DD) not worked. */
  holidays: readonly string[];
  quietHours: { start: string; end: string } | null;
}

/** One digest: its day (the local date whose 07:00 it is) and the instant it is due. */
export interface DigestOccurrence {
  day: string;
  dueAt: Date;
}

/** Whether `day` (a local date) is a working day of the schedule. */
export function isWorkingDay(day: DateTime, schedule: Pick<DigestSchedule, 'weekendDays' | 'holidays'>): boolean {
  return !schedule.weekendDays.includes(day.weekday) && !schedule.holidays.includes(day.toISODate()!);
}

/**
 * The first digest due strictly after `after`: 07:00 in the person's zone on a working day of their
 * organisation, deferred past their quiet hours by the reminders' own rule (`deferForQuietHours`).
 * On a day whose 07:00 does not exist (a DST gap at that hour), the first instant after the gap.
 * Null when no working day comes within about a year.
 */
export function nextDigestDue(after: Date, schedule: DigestSchedule): DigestOccurrence | null {
  // The day before too: quiet hours may push one day's digest past midnight, still after `after`.
  const first = DateTime.fromJSDate(after, { zone: schedule.zone }).startOf('day').minus({ days: 1 });
  const quiet = schedule.quietHours ? { ...schedule.quietHours, zone: schedule.zone } : null;
  for (let i = 0; i < HORIZON_DAYS; i++) {
    const day = first.plus({ days: i });
    if (!isWorkingDay(day, schedule)) continue;
    const nominal = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour: DIGEST_HOUR }, { zone: schedule.zone });
    const dueAt = deferForQuietHours(nominal.toJSDate(), quiet);
    if (dueAt.getTime() > after.getTime()) return { day: day.toISODate()!, dueAt };
  }
  return null;
}

/**
 * Whether `dueAt`, a due instant planned earlier, is still a digest of the schedule as it is now
 * (the organisation may have declared a holiday since): its occurrence, or null.
 */
export function digestAt(dueAt: Date, schedule: DigestSchedule): DigestOccurrence | null {
  const next = nextDigestDue(new Date(dueAt.getTime() - 1), schedule);
  return next && next.dueAt.getTime() === dueAt.getTime() ? next : null;
}
