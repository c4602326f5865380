import fc from 'fast-check';
import { propertyRuns } from '../../../../test/support/property-runs';
import { instantsOf, interestingMinuteOfDay, localDate, Transition, transitionArb, transitionsOf } from '../../../../test/support/dst';
import { deferForQuietHours } from './quiet-hours';

/**
 * Quiet hours across real daylight-saving changes, in zones of both hemispheres, with a midnight
 * change (Santiago) and 30- and 60-minute shifts (Lord Howe, Chatham). The oracle shares no code
 * with quiet-hours.ts (no Luxon): it finds the instants a wall clock shows with Intl
 * (test/support/dst.ts) and applies the documented rule: each end of a quiet night is the first
 * instant its day's clock reads that time or later (the change itself when the time is skipped).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const clock = (minuteOfDay: number) =>
  `${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}`;

/** The first instant of local date `date` (UTC ms of its 00:00) at which `zone`'s clock reads `minuteOfDay` or later. */
function firstAtOrAfter(zone: string, date: number, minuteOfDay: number): number {
  const d = new Date(date);
  const wall = {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: Math.floor(minuteOfDay / 60),
    minute: minuteOfDay % 60,
  };
  const instants = instantsOf(zone, wall);
  if (instants.length > 0) return instants[0];
  const w = date + minuteOfDay * MINUTE;
  const skippedBy = transitionsOf(zone, d.getUTCFullYear() - 1, d.getUTCFullYear() + 2).find((t) => Math.abs(t.at - w) < 2 * DAY)!;
  return skippedBy.at;
}

/** The quiet window `due` falls in, by the oracle, or null. */
function oracleWindow(zone: string, start: number, end: number, due: number): { begins: number; ends: number } | null {
  const today = localDate(zone, due);
  for (const day of [today - DAY, today]) {
    const begins = firstAtOrAfter(zone, day, start);
    const ends = firstAtOrAfter(zone, end < start ? day + DAY : day, end);
    if (begins <= due && due < ends) return { begins, ends };
  }
  return null;
}

const cases = (t: Transition) =>
  fc.record({
    start: interestingMinuteOfDay(t),
    end: interestingMinuteOfDay(t),
    // Due within a day and a half either side of the change, to the second.
    due: fc.integer({ min: -36 * 3600, max: 36 * 3600 }).map((s) => t.at + s * 1000),
    // What it reminds of: a few hours either side of the due time, or nothing.
    before: fc.option(fc.integer({ min: -2 * 3600, max: 30 * 3600 }), { nil: undefined }),
    nowBack: fc.integer({ min: 0, max: 30 * 3600 }),
  });

describe('quiet hours across daylight-saving changes (property)', () => {
  it('defers exactly as the rule says, at the change, inside the repeated hour and across midnight', () => {
    fc.assert(
      fc.property(
        transitionArb().chain((t) => fc.tuple(fc.constant(t), cases(t))),
        ([t, { start, end, due, before, nowBack }]) => {
          fc.pre(start !== end);
          const quiet = { start: clock(start), end: clock(end), zone: t.zone };
          const bound = before === undefined ? null : new Date(due + before * 1000);
          const now = new Date(due - nowBack * 1000);
          const got = deferForQuietHours(new Date(due), quiet, bound, now).getTime();
          const window = oracleWindow(t.zone, start, end, due);
          const expected = !window
            ? due
            : !bound || window.ends <= bound.getTime()
              ? window.ends
              : Math.max(window.begins - MINUTE, now.getTime());
          expect({ zone: t.zone, quiet, due: new Date(due).toISOString(), got: new Date(got).toISOString() }).toEqual({
            zone: t.zone,
            quiet,
            due: new Date(due).toISOString(),
            got: new Date(expected).toISOString(),
          });
        },
      ),
      { numRuns: propertyRuns(1000) },
    );
  });
});
