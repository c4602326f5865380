import fc from 'fast-check';
import { propertyRuns } from '../../../test/support/property-runs';
import { addWorkingMillis, addWorkingTime, isWorkingDay, workingMillisBetween, WorkingCalendar } from './working-time';
import {
  changeWall,
  instantsOf,
  isoDate,
  isoWeekday,
  localDate,
  placeByRfc,
  startOfLocalDay,
  Transition,
  transitionArb,
  wallAt,
} from '../../../test/support/dst';

/**
 * Properties of working time across daylight-saving changes, in zones of both hemispheres, with a
 * midnight change (Santiago) and 30- and 60-minute shifts (Lord Howe, Chatham). Each case starts a
 * few days either side of a real transition (test/support/dst.ts). The oracle below shares no code
 * with working-time.ts: local days are bounded by the instants of their 00:00 wall clock, found
 * with Intl's offsets (a day is 23, 23.5, 24, 24.5 or 25 hours long), and walked one by one.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const working = (cal: WorkingCalendar, date: number) => !cal.weekend.includes(isoWeekday(date)) && !cal.holidays.includes(isoDate(date));
const dayStart = (cal: WorkingCalendar, date: number) => startOfLocalDay(cal.zone, date);
const nextWorkingDate = (cal: WorkingCalendar, date: number) => {
  let d = date + DAY;
  while (!working(cal, d)) d += DAY;
  return d;
};

/** The length of the parts of [from, to) on working days. */
function oracleBetween(from: number, to: number, cal: WorkingCalendar): number {
  let total = 0;
  for (let date = localDate(cal.zone, from); dayStart(cal, date) < to; date += DAY) {
    const overlap = Math.min(dayStart(cal, date + DAY), to) - Math.max(dayStart(cal, date), from);
    if (working(cal, date) && overlap > 0) total += overlap;
  }
  return total;
}

/** `at` on a working day, else the start of the next working day. */
function oracleClockStart(at: number, cal: WorkingCalendar): number {
  const date = localDate(cal.zone, at);
  return working(cal, date) ? at : dayStart(cal, nextWorkingDate(cal, date));
}

/** `ms` of working time from `at`, day by day; a result exactly at a day's end is that end. */
function oracleAddMillis(at: number, ms: number, cal: WorkingCalendar): number {
  let now = oracleClockStart(at, cal);
  for (let left = ms; ;) {
    const date = localDate(cal.zone, now);
    const end = dayStart(cal, date + DAY);
    if (left <= end - now) return now + left;
    left -= end - now;
    now = dayStart(cal, nextWorkingDate(cal, date));
  }
}

/**
 * `days` working days from `at` at the same wall-clock time: every instant that shows it on the
 * target date (either of two in an overlap, as docs/support-requests.md does not choose), or, in a
 * gap, the time read with the offset before it.
 */
function oracleAddDays(at: number, days: number, cal: WorkingCalendar): number[] {
  const start = oracleClockStart(at, cal);
  let date = localDate(cal.zone, start);
  for (let n = 0; n < days; n++) date = nextWorkingDate(cal, date);
  const { hour, minute, second } = wallAt(cal.zone, start);
  const d = new Date(date);
  const wall = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute, second };
  const ms = ((start % 1000) + 1000) % 1000;
  const instants = instantsOf(cal.zone, wall);
  return (instants.length > 0 ? instants : [placeByRfc(cal.zone, wall)]).map((i) => i + ms);
}

const weekends = fc.oneof(
  fc.constant([6, 7]),
  fc.constant([5, 6]),
  fc.constant([] as number[]),
  fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 1, maxLength: 6 }),
);

/** A transition, a calendar in its zone (the changing day perhaps a holiday) and an instant a few days either side. */
const cases = transitionArb(2026, 2036).chain((t: Transition) => {
  const day = localDate(t.zone, t.at);
  return fc.record({
    t: fc.constant(t),
    cal: fc.record({
      zone: fc.constant(t.zone),
      weekend: weekends,
      holidays: fc.subarray([isoDate(day - DAY), isoDate(day), isoDate(day + DAY)]),
    }),
    at: fc.integer({ min: t.at - 4 * DAY, max: t.at + 2 * DAY }),
  });
});
const iso = (ms: number) => new Date(ms).toISOString();
const RUNS = { numRuns: propertyRuns(250) };

describe('working time across daylight-saving changes (properties)', () => {
  it('measures the working time between two instants as the oracle does', () => {
    fc.assert(
      fc.property(cases, fc.integer({ min: -DAY, max: 8 * DAY }), ({ cal, at }, length) => {
        expect(workingMillisBetween(new Date(at), new Date(at + length), cal)).toBe(length <= 0 ? 0 : oracleBetween(at, at + length, cal));
      }),
      RUNS,
    );
  });

  it('adds working milliseconds as the oracle does, never ending inside a non-working day, and measures them back', () => {
    fc.assert(
      fc.property(cases, fc.integer({ min: 0, max: 4 * DAY }), ({ cal, at }, ms) => {
        const got = addWorkingMillis(new Date(at), ms, cal).getTime();
        expect(iso(got)).toBe(iso(oracleAddMillis(at, ms, cal)));
        // On a working day, or exactly at the end of one.
        expect(isWorkingDay(new Date(got), cal) || isWorkingDay(new Date(got - 1), cal)).toBe(true);
        expect(workingMillisBetween(new Date(oracleClockStart(at, cal)), new Date(got), cal)).toBe(ms);
      }),
      RUNS,
    );
  });

  it('moves whole days to the same wall-clock time on working days, then runs the time part', () => {
    fc.assert(
      fc.property(
        cases,
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 59 }),
        ({ cal, at }, days, hours, minutes) => {
          const duration = `P${days}DT${hours}H${minutes}M`;
          const got = addWorkingTime(new Date(at), duration, cal).getTime();
          const allowed = oracleAddDays(at, days, cal).map((d) => iso(oracleAddMillis(d, hours * HOUR + minutes * MINUTE, cal)));
          expect(allowed).toContain(iso(got));
          if (hours === 0 && minutes === 0) expect(isWorkingDay(new Date(got), cal)).toBe(true);
        },
      ),
      RUNS,
    );
  });

  it('counts the day the clocks change at its real length: 24 hours less the shift', () => {
    fc.assert(
      fc.property(transitionArb(2026, 2036), (t) => {
        const everyDay: WorkingCalendar = { zone: t.zone, weekend: [], holidays: [] };
        // The wall date on which the gap or overlap begins (Santiago's autumn one: 23:00 the day before).
        const day = changeWall(t).date;
        const length = workingMillisBetween(new Date(startOfLocalDay(t.zone, day)), new Date(startOfLocalDay(t.zone, day + DAY)), everyDay);
        expect(length).toBe(DAY - (t.after - t.before) * MINUTE);
        // The day before it is 24 hours.
        const before = workingMillisBetween(new Date(startOfLocalDay(t.zone, day - DAY)), new Date(startOfLocalDay(t.zone, day)), everyDay);
        expect(before).toBe(DAY);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('goes back from a to any b on a working day by the working time between them', () => {
    fc.assert(
      fc.property(cases, fc.integer({ min: 0, max: 6 * DAY }), ({ cal, at }, length) => {
        const b = at + length;
        fc.pre(isWorkingDay(new Date(b), cal));
        expect(iso(addWorkingMillis(new Date(at), workingMillisBetween(new Date(at), new Date(b), cal), cal).getTime())).toBe(iso(b));
      }),
      RUNS,
    );
  });
});
