import fc from 'fast-check';
import { propertyRuns } from '../../../test/support/property-runs';
import { Recurrence } from './recurrence';
import {
  changeWall,
  DST_ZONES,
  instantsOf,
  interestingMinuteOfDay,
  isoWall,
  isoWeekday,
  placeByRfc,
  Transition,
  transitionArb,
  wallAt,
  wallMs,
} from '../../../test/support/dst';

/**
 * Properties of recurrence across daylight-saving changes. Each case picks a zone, one of its real
 * transitions (found with Intl, test/support/dst.ts) in either direction, a dtstart a few days or
 * weeks before (or just after) it, and a time of day in the gap or overlap, at its edges or
 * ordinary. The expected occurrences come from an oracle that shares no code with recurrence.ts:
 * the rule's dates by calendar arithmetic, each placed by RFC 5545's DST rule with the Intl offsets.
 */

const LIMITS = { maxPerYear: 366 };
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const WEEK = 7 * DAY;

interface Rule {
  freq: 'DAILY' | 'WEEKLY';
  interval: number;
  /** ISO weekdays of a WEEKLY rule; dtstart's own weekday is always one of them. */
  byday: number[];
}

const DAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

/** The rule's first `limit` dates (UTC ms of their 00:00) from the date `d0`, by calendar arithmetic. */
function ruleDates(rule: Rule, d0: number, limit: number): number[] {
  const dates: number[] = [];
  if (rule.freq === 'DAILY') {
    for (let k = 0; dates.length < limit; k++) dates.push(d0 + k * rule.interval * DAY);
    return dates;
  }
  const monday = d0 - (isoWeekday(d0) - 1) * DAY; // WKST=MO
  for (let d = d0; dates.length < limit; d += DAY) {
    const week = Math.floor((d - monday) / WEEK);
    if (week % rule.interval === 0 && rule.byday.includes(isoWeekday(d))) dates.push(d);
  }
  return dates;
}

function ruleText(rule: Rule): string {
  const byday = rule.freq === 'WEEKLY' ? `;BYDAY=${rule.byday.map((d) => DAY_CODES[d - 1]).join(',')}` : '';
  return `FREQ=${rule.freq};INTERVAL=${rule.interval}${byday}`;
}

const utcStamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').slice(0, 15) + 'Z';
const iso = (ms: number) => new Date(ms).toISOString();
const wallFields = (w: number) => {
  const d = new Date(w);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
};

/** A case: a transition, a rule, and a dtstart before (or just after) the transition. */
const cases = transitionArb(2026, 2036).chain((t: Transition) =>
  fc.record({
    t: fc.constant(t),
    rule: fc.oneof(
      fc.record({ freq: fc.constant('DAILY' as const), interval: fc.integer({ min: 1, max: 3 }), byday: fc.constant([]) }),
      fc.record({
        freq: fc.constant('WEEKLY' as const),
        interval: fc.integer({ min: 1, max: 2 }),
        byday: fc.subarray([1, 2, 3, 4, 5, 6, 7], { minLength: 0, maxLength: 4 }),
      }),
    ),
    // dtstart's date: up to three weeks before the day the clocks change, or up to two days after.
    daysBefore: fc.integer({ min: -2, max: 21 }),
    minuteOfDay: interestingMinuteOfDay(t),
    count: fc.integer({ min: 1, max: 40 }),
    ending: fc.constantFrom('COUNT', 'UNTIL', 'none'),
    exdate: fc.option(fc.nat(), { nil: undefined }),
    // UNTIL, in seconds from the instant of the `count`-th occurrence: on it, just before, or up to two hours either side.
    untilShift: fc.oneof(fc.constant(0), fc.constant(-1), fc.integer({ min: -3600, max: 3600 }), fc.integer({ min: -7200, max: 7200 })),
  }),
);

/** The case written out: the input to Recurrence.parse and what the oracle expects of it. */
type Case = typeof cases extends fc.Arbitrary<infer T> ? T : never;
function expand(c: Case) {
  const { t, daysBefore, minuteOfDay, count, ending, exdate, untilShift } = c;
  const d0 = changeWall(t).date - daysBefore * DAY;
  const rule: Rule = { ...c.rule, byday: [...new Set([...c.rule.byday, isoWeekday(d0)])].sort() };
  const walls = ruleDates(rule, d0, 60).map((d) => d + minuteOfDay * MINUTE);
  const starts = walls.map((w) => placeByRfc(t.zone, wallFields(w)));
  // The rule's instances (COUNT counts them, EXDATEs included), then the EXDATE taken out.
  let last = walls.length;
  let rrule = ruleText(rule);
  if (ending === 'COUNT') {
    rrule += `;COUNT=${count}`;
    last = count;
  } else if (ending === 'UNTIL') {
    // UNTIL in UTC bounds the occurrences' instants, inclusively (RFC 5545 §3.3.10); never before the first.
    // Near the occurrence on the day the clocks change, where a local reading of UNTIL would go wrong.
    const near = starts.findIndex((start) => start >= t.at - DAY);
    const base = near >= 0 && count % 3 !== 0 ? near : count - 1;
    const until = Math.max(starts[0], starts[base] + untilShift * 1000);
    rrule += `;UNTIL=${utcStamp(until)}`;
    last = starts.filter((start) => start <= until).length;
  }
  // One EXDATE at most, and never the only occurrence (a rule left with none is refused: recurrence.spec.ts).
  const excluded = exdate === undefined || last < 2 ? -1 : exdate % last;
  const expected = starts
    .slice(0, last)
    .map((start, i) => ({ start, wall: walls[i], i }))
    .filter(({ i }) => i !== excluded);
  return {
    input: { rrule, dtstart: isoWall(walls[0]), timezone: t.zone, exdates: excluded >= 0 ? [isoWall(walls[excluded])] : [] },
    expected: ending === 'none' ? expected.slice(0, count) : expected,
  };
}

describe('Recurrence across daylight-saving changes (properties)', () => {
  it('finds transitions both ways in every zone it draws from', () => {
    // The generators depend on it; a zone whose DST was abolished would silently test nothing.
    for (const zone of DST_ZONES) {
      const arb = transitionArb(2026, 2036, [zone]);
      const seen = new Set(fc.sample(arb, { numRuns: 200, seed: 1 }).map((t) => t.after > t.before));
      expect([zone, [...seen].sort()]).toEqual([zone, [false, true]]);
    }
  });

  it('gives the oracle occurrences: wall clock kept, gap read with the offset before, overlap the first', () => {
    fc.assert(
      fc.property(cases, (c) => {
        const { input, expected } = expand(c);
        const got = Recurrence.parse(input, LIMITS).next(c.ending === 'none' ? c.count : 100);
        expect(got.map((d) => iso(d.getTime()))).toEqual(expected.map((e) => iso(e.start)));
        for (let i = 0; i < got.length; i++) {
          const shown = wallMs(wallAt(c.t.zone, got[i].getTime()));
          const exists = instantsOf(c.t.zone, wallFields(expected[i].wall)).length > 0;
          // The zone's clock shows the local start time, or a time later by the gap where that time does not exist.
          if (exists) expect(isoWall(shown)).toBe(isoWall(expected[i].wall));
          else expect((shown - expected[i].wall) / MINUTE).toBe(Math.abs(c.t.after - c.t.before));
          if (i > 0) expect(got[i].getTime()).toBeGreaterThan(got[i - 1].getTime());
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('lists from any instant around the change exactly the occurrences at or after it, with their index', () => {
    fc.assert(
      fc.property(cases, fc.integer({ min: -3 * DAY, max: 3 * DAY }), fc.integer({ min: 1, max: 10 }), (c, shift, want) => {
        const { input, expected } = expand(c);
        const from = c.t.at + shift;
        const got = Recurrence.parse(input, LIMITS).occurrences(want, new Date(from));
        const oracle = expected
          .map((e, index) => ({ start: iso(e.start), index }))
          .filter((e) => Date.parse(e.start) >= from)
          .slice(0, want);
        // With no COUNT or UNTIL the oracle's list is cut at `count`; compare only what it holds.
        const comparable = c.ending === 'none' ? got.filter((o) => o.index < expected.length) : got;
        expect(comparable.map((o) => ({ start: iso(o.start.getTime()), index: o.index }))).toEqual(oracle);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
