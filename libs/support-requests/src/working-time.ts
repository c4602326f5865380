import { DateTime, Duration, IANAZone } from 'luxon';

/** The working days of the organisation that provides a service; service levels run on it. */
export interface WorkingCalendar {
  /** IANA zone of the organisation, e.g. 'Europe/Brussels', 'America/New_York'. */
  zone: string;
  /** ISO weekday numbers that are not worked: 1 = Monday … 7 = Sunday. Usually [6, 7]. May be empty. */
  weekend: readonly number[];
  /** Local dates (YYYY-MM-DD, in `zone`) that are not worked. */
  holidays: readonly string[];
}

/** How far ahead the next working day is looked for before the calendar is judged unusable. */
const MAX_SEARCH_DAYS = 366;

/** Whether the local date containing `at` (in cal.zone) is a working day. */
export function isWorkingDay(at: Date, cal: WorkingCalendar): boolean {
  return isWorking(local(at, cal), cal);
}

/**
 * `start` advanced by `duration` of working time: an ISO 8601 duration of days, hours, minutes and
 * seconds ('P2D', 'PT4H', 'P1DT2H'). The clock starts at 00:00 of the next working day when `start`
 * is not on one; each day moves to the next working day at the same local wall-clock time; then the
 * hours, minutes and seconds run only on working days (see {@link addWorkingMillis}).
 */
export function addWorkingTime(start: Date, duration: string, cal: WorkingCalendar): Date {
  const { days, millis } = parseDuration(duration);
  const base = clockStart(start, cal);
  let offset = 0;
  // Offsets from `base` rather than day-by-day steps, so a DST gap on one day does not shift the others.
  for (let day = 0; day < days; day++) offset = workingDayOffset(base, offset + 1, cal);
  return consume(base.plus({ days: offset }), millis, cal).toJSDate();
}

/**
 * `start` advanced by `ms` milliseconds of working time: time runs from `start` (or 00:00 of the next
 * working day) to the next local midnight, then on from 00:00 of the next working day, and so on.
 * A result that falls exactly on a midnight is that midnight.
 */
export function addWorkingMillis(start: Date, ms: number, cal: WorkingCalendar): Date {
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`working time must be a non-negative number of milliseconds, got ${ms}`);
  return consume(clockStart(start, cal), ms, cal).toJSDate();
}

/**
 * Milliseconds of working time between `from` and `to` (0 if `to <= from`): the length of the
 * parts of [from, to) that fall on working days in cal.zone.
 */
export function workingMillisBetween(from: Date, to: Date, cal: WorkingCalendar): number {
  const end = local(to, cal).toMillis();
  let total = 0;
  for (let at = local(from, cal); at.toMillis() < end;) {
    const midnight = nextMidnight(at);
    if (isWorking(at, cal)) total += Math.min(midnight.toMillis(), end) - at.toMillis();
    at = midnight;
  }
  return total;
}

/**
 * The working time from `from` to `to` as an ISO 8601 duration of days and time ('P1DT4H', 'PT45M',
 * 'PT0S'), written as {@link addWorkingTime} reads it, so that adding it to `from` gives `to` (to the
 * second, rounded down): the days are whole steps to the same local wall-clock time on the next
 * working day (a working day counts 24 hours, 00:00 to 24:00 local time; 23 or 25 across a
 * daylight-saving change), the time part is what is left, counted on working days only (so it can
 * reach 24 hours and more only on a 25-hour day). 'PT0S' when `to` is not after the clock's start.
 */
export function workingDurationBetween(from: Date, to: Date, cal: WorkingCalendar): string {
  const end = local(to, cal).toMillis();
  const base = clockStart(from, cal);
  // `offset`: calendar days from `base` to the last whole working-day step that does not pass `to`.
  let offset = 0;
  let days = 0;
  while (end > base.toMillis()) {
    const next = workingDayOffset(base, offset + 1, cal);
    if (base.plus({ days: next }).toMillis() > end) break;
    offset = next;
    days++;
  }
  const seconds = Math.floor(workingMillisBetween(base.plus({ days: offset }).toJSDate(), to, cal) / 1000);
  const time = [
    [Math.floor(seconds / 3600), 'H'],
    [Math.floor(seconds / 60) % 60, 'M'],
    [seconds % 60, 'S'],
  ]
    .filter(([value]) => value !== 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join('');
  if (!days && !time) return 'PT0S';
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** Consumes `ms` of working time from `at`, which lies on a working day. */
function consume(at: DateTime, ms: number, cal: WorkingCalendar): DateTime {
  for (let left = ms; ;) {
    const midnight = nextMidnight(at);
    const available = midnight.toMillis() - at.toMillis();
    if (left <= available) return at.plus({ milliseconds: left });
    left -= available;
    at = midnight.plus({ days: workingDayOffset(midnight, 0, cal) }).startOf('day');
  }
}

/** The instant the clock starts from: `start` on a working day, else 00:00 of the next working day. */
function clockStart(start: Date, cal: WorkingCalendar): DateTime {
  if ([1, 2, 3, 4, 5, 6, 7].every((weekday) => cal.weekend.includes(weekday))) throw new Error('the calendar has no working day');
  const at = local(start, cal);
  if (isWorking(at, cal)) return at;
  const day = at.startOf('day');
  return day.plus({ days: workingDayOffset(day, 1, cal) }).startOf('day');
}

/** The smallest n >= `from` such that `base` plus n calendar days is a working day. */
function workingDayOffset(base: DateTime, from: number, cal: WorkingCalendar): number {
  for (let n = from; n <= from + MAX_SEARCH_DAYS; n++) if (isWorking(base.plus({ days: n }), cal)) return n;
  throw new Error(`no working day within ${MAX_SEARCH_DAYS} days after ${base.toFormat('yyyy-MM-dd')} in the calendar`);
}

/** The start of the next local day (a day may last 23 or 25 hours, or begin at 01:00 where DST starts at midnight). */
function nextMidnight(at: DateTime): DateTime {
  const { year, month, day } = at.setZone('UTC', { keepLocalTime: true }).plus({ days: 1 });
  return DateTime.fromObject({ year, month, day }, { zone: at.zone });
}

function isWorking(at: DateTime, cal: WorkingCalendar): boolean {
  return !cal.weekend.includes(at.weekday) && !cal.holidays.includes(at.toFormat('yyyy-MM-dd'));
}

function local(at: Date, cal: WorkingCalendar): DateTime {
  if (!IANAZone.isValidZone(cal.zone)) throw new Error(`unknown time zone "${cal.zone}"`);
  const dt = DateTime.fromJSDate(at, { zone: cal.zone });
  if (!dt.isValid) throw new Error(`invalid instant: ${String(at)}`);
  return dt;
}

/** Whole working days and the milliseconds of the time part of an ISO 8601 duration. */
function parseDuration(iso: string): { days: number; millis: number } {
  const duration = Duration.fromISO(iso);
  if (!duration.isValid || !/\d/.test(iso)) {
    throw new Error(`"${iso}" is not an ISO 8601 duration of days, hours, minutes and seconds (e.g. P2D, PT4H, P1DT2H)`);
  }
  const { years, months, weeks, days = 0, ...time } = duration.toObject();
  if (years || months || weeks)
    throw new Error(`"${iso}" uses years, months or weeks; working time counts days, hours, minutes and seconds only`);
  const millis = Math.round(Duration.fromObject(time).as('milliseconds'));
  if (days < 0 || millis < 0 || Object.values(time).some((value) => (value ?? 0) < 0))
    throw new Error(`"${iso}" is negative; working time cannot go back`);
  if (!Number.isInteger(days)) throw new Error(`"${iso}" has a fraction of a day; working days are counted whole`);
  return { days, millis };
}
