import fc from 'fast-check';

/**
 * Daylight-saving transitions found with Intl alone (no Luxon, no rrule), and an oracle that places a
 * wall-clock time in a zone by RFC 5545's DST rule, for tests of code that does the same with Luxon.
 * Pure: no services, safe for the unit project.
 *
 * A transition is found by sampling the zone's UTC offset once a day and bisecting (to the minute)
 * every day on which it changes; the result is checked against the offsets on either side.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Zones with daylight-saving time in both hemispheres, a midnight transition and 30- and 60-minute shifts. */
export const DST_ZONES = [
  'Europe/Brussels', // northern, 02:00 -> 03:00 and 03:00 -> 02:00 local
  'America/New_York', // northern, at 02:00 local both ways
  'Australia/Sydney', // southern: forward in October, back in April
  'America/Santiago', // southern, at midnight: 00:00 does not exist on the spring day
  'Australia/Lord_Howe', // southern, a 30-minute shift (02:00 -> 02:30, 02:00 -> 01:30)
  'Pacific/Chatham', // southern, +12:45 / +13:45, at 02:45 and 03:45 local
] as const;

/** The instant `at` (ms) from which the zone's UTC offset is `after` minutes instead of `before`. */
export interface Transition {
  zone: string;
  at: number;
  before: number;
  after: number;
}

/** A wall-clock time; `second` defaults to 0. */
export interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock of `zone` at the instant `ms` (to the second), by Intl. */
export function wallAt(zone: string, ms: number): Required<Wall> {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  const n = (type: string) => Number(parts[type]);
  return { year: n('year'), month: n('month'), day: n('day'), hour: n('hour'), minute: n('minute'), second: n('second') };
}

/** A wall clock's fields held as a UTC instant (ms), for arithmetic on wall clocks. */
export function wallMs(wall: Wall): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
}

/** The zone's UTC offset at the instant `ms`, in minutes (east positive). */
export function offsetAt(zone: string, ms: number): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wallMs(wallAt(zone, whole)) - whole) / MINUTE);
}

const cache = new Map<string, Transition[]>();

/** Every transition of `zone` from 1 January of `fromYear` (UTC) to 1 January of `toYear`. */
export function transitionsOf(zone: string, fromYear = 2024, toYear = 2046): Transition[] {
  const key = `${zone} ${fromYear} ${toYear}`;
  const known = cache.get(key);
  if (known) return known;
  const found: Transition[] = [];
  const end = Date.UTC(toYear, 0, 1);
  let previous = offsetAt(zone, Date.UTC(fromYear, 0, 1));
  for (let day = Date.UTC(fromYear, 0, 1); day < end; day += DAY) {
    const next = offsetAt(zone, day + DAY);
    if (next === previous) continue;
    // The offset changed within (day, day + 1 day]: bisect on whole minutes.
    let lo = day / MINUTE;
    let hi = (day + DAY) / MINUTE;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetAt(zone, mid * MINUTE) === previous) lo = mid;
      else hi = mid;
    }
    const at = hi * MINUTE;
    const t = { zone, at, before: offsetAt(zone, at - 1), after: offsetAt(zone, at) };
    if (t.before !== previous || t.after !== next)
      throw new Error(`${zone}: two offset changes within a day near ${new Date(at).toISOString()}`);
    found.push(t);
    previous = next;
  }
  cache.set(key, found);
  return found;
}

/** Whether the transition puts the clocks forward (a gap in local time) rather than back (an overlap). */
export const isSpringForward = (t: Transition): boolean => t.after > t.before;

/** The transition of `zone` within two days of the wall time `w` (fields as UTC ms), if any. */
function transitionNear(zone: string, w: number): Transition | undefined {
  const year = new Date(w).getUTCFullYear();
  return transitionsOf(zone, Math.min(year - 1, 2024), Math.max(year + 2, 2046)).find((t) => Math.abs(t.at - w) < 2 * DAY);
}

/**
 * Every instant at which the zone's clock shows `wall`: none in a spring-forward gap, two in a
 * fall-back overlap (earlier first), otherwise one.
 */
export function instantsOf(zone: string, wall: Wall): number[] {
  const w = wallMs(wall);
  const t = transitionNear(zone, w);
  if (!t) return [w - offsetAt(zone, w) * MINUTE];
  const candidates = [w - t.before * MINUTE, w - t.after * MINUTE];
  return [candidates[0] < t.at ? candidates[0] : NaN, candidates[1] >= t.at ? candidates[1] : NaN]
    .filter((c) => !Number.isNaN(c))
    .sort((a, b) => a - b);
}

/**
 * RFC 5545 §3.3.5, as Liaison documents it (docs/exchanges.md): the first instant showing `wall`;
 * in a spring-forward gap, `wall` read with the offset before the gap (so it lands after the gap,
 * later by the gap's length).
 */
export function placeByRfc(zone: string, wall: Wall): number {
  const instants = instantsOf(zone, wall);
  if (instants.length > 0) return instants[0];
  const t = transitionNear(zone, wallMs(wall))!;
  return wallMs(wall) - t.before * MINUTE;
}

/** The start of the local date `date` (UTC ms of its 00:00 wall clock) in `zone`: its midnight, or after a gap at midnight. */
export function startOfLocalDay(zone: string, dateMs: number): number {
  const d = new Date(dateMs);
  return placeByRfc(zone, { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 });
}

/** The local date of the instant `ms` in `zone`, as the UTC ms of its 00:00. */
export function localDate(zone: string, ms: number): number {
  const w = wallAt(zone, ms);
  return Date.UTC(w.year, w.month - 1, w.day);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a date held as UTC ms. */
export const isoWeekday = (dateMs: number): number => ((new Date(dateMs).getUTCDay() + 6) % 7) + 1;

/** `YYYY-MM-DD` of a date held as UTC ms. */
export const isoDate = (dateMs: number): string => new Date(dateMs).toISOString().slice(0, 10);

/** `YYYY-MM-DDTHH:mm` of a wall clock held as UTC ms. */
export const isoWall = (wall: number): string => new Date(wall).toISOString().slice(0, 16);

/** Transitions of DST_ZONES in [fromYear, toYear), split by direction. */
export function dstTransitions(fromYear: number, toYear: number, zones: readonly string[] = DST_ZONES) {
  const all = zones.flatMap((zone) => transitionsOf(zone, fromYear, toYear));
  return { forward: all.filter(isSpringForward), back: all.filter((t) => !isSpringForward(t)) };
}

/**
 * A transition: a zone of `zones`, then (with equal weight) a spring-forward or a fall-back
 * transition of it between `fromYear` and `toYear`.
 */
export function transitionArb(fromYear = 2026, toYear = 2036, zones: readonly string[] = DST_ZONES): fc.Arbitrary<Transition> {
  const byZone = zones.map((zone) => {
    const all = transitionsOf(zone, fromYear, toYear);
    return [all.filter(isSpringForward), all.filter((t) => !isSpringForward(t))];
  });
  return fc.tuple(fc.nat(zones.length - 1), fc.boolean(), fc.nat()).map(([z, forward, i]) => {
    const list = byZone[z][forward ? 0 : 1];
    if (list.length === 0)
      throw new Error(`${zones[z]} has no ${forward ? 'spring-forward' : 'fall-back'} transition in ${fromYear}..${toYear}`);
    return list[i % list.length];
  });
}

/**
 * A wall-clock time of day that is interesting at `t`: in its gap or overlap, at either edge of
 * it, or an ordinary time (09:30, 00:00, 23:30, or any quarter-hour). Minutes since midnight.
 */
export function interestingMinuteOfDay(t: Transition): fc.Arbitrary<number> {
  const shift = Math.abs(t.after - t.before);
  const lowEdge = changeWall(t).minuteOfDay;
  return fc.oneof(
    fc.integer({ min: 0, max: shift - 1 }).map((k) => (lowEdge + k) % 1440), // inside the gap or overlap
    fc.constantFrom(lowEdge, (lowEdge + shift) % 1440, (lowEdge + 1439) % 1440), // its edges
    fc.constantFrom(9 * 60 + 30, 0, 23 * 60 + 30),
    fc.integer({ min: 0, max: 95 }).map((q) => q * 15),
  );
}

/**
 * Where on the wall clock `t` happens: the local date and time (minutes since midnight) at which
 * its gap or overlap begins (02:00 in Brussels both ways; in Santiago 00:00 in spring, 23:00 of
 * the day before in autumn). By arithmetic on the offsets alone.
 */
export function changeWall(t: Transition): { date: number; minuteOfDay: number } {
  const wall = t.at + Math.min(t.before, t.after) * MINUTE;
  const date = Math.floor(wall / DAY) * DAY;
  return { date, minuteOfDay: (wall - date) / MINUTE };
}

/**
 * The transitions of `zones` whose change day lies between `minDays` and `maxDays` from `now`, for
 * tests against the running stack, whose series must start in the future.
 */
export function upcomingTransitions(now: number, minDays: number, maxDays: number, zones: readonly string[] = DST_ZONES): Transition[] {
  const year = new Date(now).getUTCFullYear();
  return zones
    .flatMap((zone) => transitionsOf(zone, year, year + 3))
    .filter((t) => changeWall(t).date >= now + minDays * DAY && changeWall(t).date <= now + maxDays * DAY);
}
