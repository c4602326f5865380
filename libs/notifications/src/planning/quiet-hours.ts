import { DateTime } from 'luxon';

/** A person's quiet hours: wall-clock times `HH:mm` in their IANA zone; `end` before `start` spans midnight. */
export interface QuietHours {
  start: string;
  end: string;
  zone: string;
}

/** One night (or day) of quiet hours, as instants: quiet from `begins` (included) to `ends` (excluded). */
export interface QuietWindow {
  begins: Date;
  ends: Date;
}

const MINUTE = 60_000;
/** Wider than any clock change in the IANA database (they are one hour, or 30 minutes on Lord Howe). */
const AROUND_A_CHANGE = { hours: 3 };

/**
 * When a reminder due at `due` is sent to a person with these quiet hours. Outside them: at `due`.
 * Inside: at their end; unless that end is after `before` (the start of what it reminds of), then
 * the minute before they began, or at once (`now`) if that minute has passed. No quiet hours
 * (`null`, or `start` equal to `end`): at `due`. Pure but for `now`, which defaults to the clock.
 * See docs/quiet-hours.md for the rule and how clock changes are read.
 */
export function deferForQuietHours(due: Date, quiet: QuietHours | null, before?: Date | null, now: Date = new Date()): Date {
  const window = quietWindowAt(due, quiet);
  if (!window) return due;
  if (!before || window.ends.getTime() <= before.getTime()) return window.ends;
  return new Date(Math.max(window.begins.getTime() - MINUTE, now.getTime()));
}

/**
 * The quiet window that `at` falls in, or null when it falls in none. Quiet hours are [start, end)
 * in the person's zone: due exactly at `start` is quiet, exactly at `end` is not. Each end of the
 * window is the first instant at which the person's clock reads that time or later on that day:
 * a time skipped by a clock change forward begins (or ends) the window at the change; a time that
 * happens twice when clocks go back counts at its first occurrence, so the window is one span.
 */
export function quietWindowAt(at: Date, quiet: QuietHours | null): QuietWindow | null {
  if (!quiet || quiet.start === quiet.end) return null;
  const local = DateTime.fromJSDate(at, { zone: quiet.zone });
  if (!local.isValid) return null;
  const spansMidnight = quiet.end < quiet.start;
  const day = DateTime.fromISO(local.toISODate(), { zone: 'UTC' });
  for (const back of [1, 0]) {
    const first = day.minus({ days: back });
    const begins = firstInstantAtOrAfter(first, quiet.start, quiet.zone);
    const ends = firstInstantAtOrAfter(spansMidnight ? first.plus({ days: 1 }) : first, quiet.end, quiet.zone);
    if (begins <= at.getTime() && at.getTime() < ends) return { begins: new Date(begins), ends: new Date(ends) };
  }
  return null;
}

/**
 * The first instant (epoch ms) of the calendar day `day` (its date read in UTC) at which the clock
 * in `zone` reads `clock` (`HH:mm`) or later. Luxon alone would read a skipped time as an hour
 * later, and a repeated time as its second occurrence; neither is when the clock first shows it.
 */
function firstInstantAtOrAfter(day: DateTime, clock: string, zone: string): number {
  const [hour, minute] = clock.split(':').map(Number);
  const wall = { year: day.year, month: day.month, day: day.day, hour, minute };
  const guess = DateTime.fromObject(wall, { zone });
  const offsets = new Set([guess.minus(AROUND_A_CHANGE).offset, guess.offset, guess.plus(AROUND_A_CHANGE).offset]);
  const asUtc = DateTime.fromObject(wall, { zone: 'UTC' });
  const readings = [...offsets]
    .map((offset) => asUtc.minus({ minutes: offset }))
    .filter((candidate) => sameWall(candidate.setZone(zone), wall))
    .map((candidate) => candidate.toMillis());
  if (readings.length > 0) return Math.min(...readings);
  // Skipped by a change forward: the change itself is the first instant the clock reads later.
  return clockChangeBefore(guess, zone);
}

function sameWall(local: DateTime, wall: { year: number; month: number; day: number; hour: number; minute: number }): boolean {
  return (
    local.year === wall.year && local.month === wall.month && local.day === wall.day && local.hour === wall.hour && local.minute === wall.minute
  );
}

/**
 * The instant (epoch ms, to the minute: every change in the IANA database is on one) at which
 * `zone` moved to `after`'s offset, within the hours before `after`: a bisection on the offset.
 */
function clockChangeBefore(after: DateTime, zone: string): number {
  let lo = after.minus(AROUND_A_CHANGE).toMillis();
  let hi = after.toMillis();
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (DateTime.fromMillis(mid, { zone }).offset === after.offset) hi = mid;
    else lo = mid;
  }
  return hi;
}
