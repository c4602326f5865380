import { DateTime, IANAZone } from 'luxon';
import { Frequency, Options, RRule } from 'rrule';
import { isLocalDateTime } from '@liaison/common';
import type { ErrorCodeOf } from '@liaison/domain';

/**
 * RFC 5545 recurrence in a named time zone. `rrule` is run in floating time (wall-clock fields
 * held in UTC fields; a UTC UNTIL bounds the placed instants), and each result is placed in the
 * zone by `placeInZone`, so an occurrence keeps its local time across daylight-saving changes.
 *
 * DST rule (RFC 5545 §3.3.5): a local time that does not exist (spring forward) is read with the
 * offset before the gap, so 02:30 becomes 03:30; a local time that exists twice (fall back) is
 * the first of the two (the daylight-time instant).
 */
export interface RecurrenceInput {
  rrule: string;
  /** Local wall-clock start, `2027-03-09T10:00[:00]`; an offset, if given, is converted to the zone. */
  dtstart: string;
  timezone: string;
  exdates?: string[];
}

export interface RecurrenceLimits {
  maxPerYear: number;
}

/**
 * How far an expansion of a rule looks, in years. A rule must give an occurrence within this many
 * years after its dtstart (else NO_OCCURRENCE: "this rule gives no occurrence before <date>"), and
 * no expansion walks further than this past the point it starts from (dtstart, or `from`): the
 * occurrences after that are not listed. Ten years: a consultation that meets less often than once
 * a decade is not a series, and ten years of a daily rule are ~3,650 steps of rrule (about 10 ms).
 */
export const RECURRENCE_HORIZON_YEARS = 10;

/** The codes a rule is refused with; a 422 either way. */
export const RULE_REFUSALS = {
  /** A field of the rule is malformed or out of range. */
  BadRule: 'SERIES.BAD_RULE',
  /** The rule gives no occurrence within RECURRENCE_HORIZON_YEARS after its dtstart. */
  NoOccurrence: 'SERIES.NO_OCCURRENCE',
} as const satisfies Record<string, ErrorCodeOf<422>>;
export type RuleRefusal = (typeof RULE_REFUSALS)[keyof typeof RULE_REFUSALS];

export class RecurrenceError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly code: RuleRefusal = RULE_REFUSALS.BadRule,
  ) {
    super(message);
  }
}

const SUB_DAILY = new Set([Frequency.SECONDLY, Frequency.MINUTELY, Frequency.HOURLY]);

/** A parsed, checked rule that yields occurrence starts as real instants. */
export class Recurrence {
  private constructor(
    private readonly rule: SteppedRRule,
    readonly timezone: string,
    private readonly excluded: Set<number>,
    /** dtstart as a floating wall-clock Date (fields held in UTC), as rrule sees it. */
    private readonly first: Date,
    /** A UTC UNTIL, as an instant (ms): no start is after it. */
    private readonly until?: number,
  ) {}

  static parse(input: RecurrenceInput, limits: RecurrenceLimits): Recurrence {
    if (!IANAZone.isValidZone(input.timezone))
      throw new RecurrenceError('timezone', 'timezone: must be an IANA time zone such as Europe/Brussels');
    const start = wallClock(input.dtstart, input.timezone, 'dtstart');
    const text = input.rrule.trim().replace(/^RRULE:/i, '');
    let options: ReturnType<typeof RRule.parseString>;
    try {
      if (!/^[A-Z]+=/i.test(text) || /DTSTART|\n/i.test(text)) throw new Error('not an RRULE value');
      options = RRule.parseString(text);
    } catch {
      throw new RecurrenceError('rrule', 'rrule: not an RFC 5545 RRULE value such as FREQ=MONTHLY;BYDAY=2TU');
    }
    if (options.freq === undefined) throw new RecurrenceError('rrule', 'rrule: FREQ is required');
    const outOfRange = ruleOutOfRange(options);
    if (outOfRange) throw new RecurrenceError('rrule', `rrule: ${outOfRange}`);
    if (SUB_DAILY.has(options.freq)) {
      throw new RecurrenceError('rrule', 'rrule: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY; consultations do not recur within a day');
    }
    let until: number | undefined;
    if (options.until && /UNTIL=\d{8}T\d{6}Z/i.test(text)) {
      // UNTIL in UTC (…Z) bounds the occurrences' instants (a floating UNTIL is a wall clock, as rrule
      // reads it): rrule walks to its wall clock a day later, as a DST change moves a placed start by
      // less than that, and the starts are held to the instant.
      until = options.until.getTime();
      options.until = new Date(floating(DateTime.fromJSDate(options.until, { zone: 'UTC' }).setZone(input.timezone)).getTime() + DAY_MS);
    }
    const rule = new SteppedRRule(walkingOptions({ ...options, dtstart: floating(start), tzid: undefined }));
    const excluded = new Set((input.exdates ?? []).map((d) => floating(wallClock(d, input.timezone, 'exdates')).getTime()));
    const recurrence = new Recurrence(rule, input.timezone, excluded, floating(start), until);
    // Occurrences in the first year, [start, start + 1 year), counted no further than one past the limit.
    const yearEnd = floating(start.plus({ years: 1 })).getTime();
    let firstYear = 0;
    const inRule = (date: Date) => until === undefined || placeInZone(date, input.timezone).getTime() <= until;
    rule.walk(yearEnd - floating(start).getTime(), (date) => date.getTime() < yearEnd && inRule(date) && ++firstYear <= limits.maxPerYear);
    if (firstYear > limits.maxPerYear) {
      throw new RecurrenceError(
        'rrule',
        `rrule: more than ${limits.maxPerYear} occurrences a year; consultations recur at most that often`,
      );
    }
    if (recurrence.occurrences(1).length === 0) {
      const horizon = start.plus({ years: RECURRENCE_HORIZON_YEARS }).toISODate()!;
      throw new RecurrenceError(
        'rrule',
        `rrule: this rule gives no occurrence before ${horizon} (${RECURRENCE_HORIZON_YEARS} years after dtstart, EXDATEs left out)`,
        RULE_REFUSALS.NoOccurrence,
      );
    }
    return recurrence;
  }

  /** The first occurrence's start (dtstart as an instant in the zone). */
  get dtstart(): Date {
    return placeInZone(this.first, this.timezone);
  }

  /**
   * The first `count` occurrence starts at or after `from` (default: from the first), EXDATEs left
   * out, within RECURRENCE_HORIZON_YEARS after `from` (or dtstart, if later).
   */
  next(count: number, from?: Date): Date[] {
    return this.occurrences(count, from).map((o) => o.start);
  }

  /** Like `next`, with each occurrence's index in the whole series (0 for the first), for host rotation. */
  occurrences(count: number, from?: Date): Array<{ start: Date; index: number }> {
    const result: Array<{ start: Date; index: number }> = [];
    if (count <= 0) return result;
    const wallFrom = from ? floating(DateTime.fromJSDate(from, { zone: this.timezone })).getTime() : this.first.getTime();
    const horizon = floating(
      DateTime.fromMillis(Math.max(wallFrom, this.first.getTime()), { zone: 'UTC' }).plus({ years: RECURRENCE_HORIZON_YEARS }),
    ).getTime();
    // Starts more than a day before `from` (in wall-clock terms) are only counted, not placed in the zone.
    const surelyBefore = wallFrom - DAY_MS;
    let index = 0;
    this.rule.walk(horizon - this.first.getTime(), (date) => {
      const at = date.getTime();
      if (at > horizon) return false;
      if (this.excluded.has(at)) return true;
      if (from && at < surelyBefore) {
        index += 1;
        return true;
      }
      const start = placeInZone(date, this.timezone);
      if (this.until !== undefined && start.getTime() > this.until) return false;
      if (!from || start.getTime() >= from.getTime()) result.push({ start, index });
      index += 1;
      return result.length < count;
    });
    return result;
  }
}

const DAY_MS = 24 * 3600 * 1000;

/** Every day of a year, as BYYEARDAY. */
const EVERY_YEAR_DAY = Array.from({ length: 366 }, (_, i) => i + 1);

/**
 * The same occurrences, walked a year at a time where that is exact. A DAILY or WEEKLY rule with
 * INTERVAL=1, no BYSETPOS and no BYWEEKNO (rrule reads the week numbers of a week that straddles
 * New Year from the year it began in) gives the days (from dtstart) that pass its filters, whatever its
 * periods are; so does FREQ=YEARLY;BYYEARDAY=1..366 with the same filters and the weekdays its
 * period implies (for DAILY and WEEKLY rrule reads 2TU as TU; WEEKLY without BYDAY is dtstart's
 * weekday). rrule takes one step per period, so ten years of a daily rule are ten steps rather than
 * 3,653: a daily rule that rarely or never matches costs a few milliseconds, not a hundred.
 */
export function walkingOptions(options: Partial<Options>): Partial<Options> {
  const { freq, interval, bysetpos, byweekno } = options;
  const dailyOrWeekly = freq === Frequency.DAILY || freq === Frequency.WEEKLY;
  const given = (part: unknown) => part !== undefined && part !== null;
  if (!dailyOrWeekly || (interval ?? 1) !== 1 || given(bysetpos) || given(byweekno)) return options;
  const parsed = new RRule(options).options;
  return {
    ...options,
    freq: Frequency.YEARLY,
    byweekday: parsed.byweekday,
    byyearday: options.byyearday ?? EVERY_YEAR_DAY,
  };
}

/** The shortest length of one period of each frequency, in days. */
const PERIOD_DAYS: Partial<Record<Frequency, number>> = {
  [Frequency.YEARLY]: 365,
  [Frequency.MONTHLY]: 28,
  [Frequency.WEEKLY]: 7,
  [Frequency.DAILY]: 1,
};

/** Thrown through rrule's loop to end a walk whose periods are spent; caught in `walk`. */
const STEPS_SPENT = new Error('rrule walk: periods spent');

/**
 * An RRule whose walks are bounded by time span, whatever the rule. rrule 2.8 walks a rule period
 * by period (a day for DAILY, a week for WEEKLY, …) up to the year 9999, and checks its only stops
 * (the `all`/`between` iterator callback, UNTIL, COUNT) on a date it produces: a rule that produces
 * none, FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31, walks 2.9 million days (31 s on the API's event loop).
 * It has no step limit of its own, so `walk` counts the periods: rrule's loop reads
 * `options.interval` twice a period (to stop when it is 0, then to advance), and the options it
 * walks with count those reads and end the walk once the periods that `span` can hold are spent.
 */
export class SteppedRRule extends RRule {
  /**
   * Calls `visit` with each occurrence (a floating Date) from dtstart on, until it returns false, the
   * rule ends, or the walk has covered `spanMs` of periods (one or two more, never fewer).
   */
  walk(spanMs: number, visit: (date: Date) => boolean): void {
    const options = this.options;
    const periods = Math.ceil(Math.max(0, spanMs) / DAY_MS / ((PERIOD_DAYS[options.freq] ?? 1) * options.interval)) + 2;
    const reads = { left: 2 * periods + 1 };
    const interval = options.interval;
    this.options = Object.defineProperty({ ...options }, 'interval', {
      enumerable: true,
      get: () => {
        if (--reads.left < 0) throw STEPS_SPENT;
        return interval;
      },
    });
    try {
      this.all((date) => visit(date));
    } catch (error) {
      if (error !== STEPS_SPENT) throw error;
    } finally {
      this.options = options;
    }
  }
}

/** The ranges RFC 5545 gives each rule part (rrule's parser takes any integer); the first part outside its range. */
const PART_RANGES: Array<[name: string, key: keyof ReturnType<typeof RRule.parseString>, min: number, max: number]> = [
  ['INTERVAL', 'interval', 1, 1000],
  ['COUNT', 'count', 1, 100_000],
  ['BYHOUR', 'byhour', 0, 23],
  ['BYMINUTE', 'byminute', 0, 59],
  ['BYSECOND', 'bysecond', 0, 60],
  ['BYMONTH', 'bymonth', 1, 12],
  ['BYMONTHDAY', 'bymonthday', -31, 31],
  ['BYYEARDAY', 'byyearday', -366, 366],
  ['BYWEEKNO', 'byweekno', -53, 53],
  ['BYSETPOS', 'bysetpos', -366, 366],
];

function ruleOutOfRange(options: ReturnType<typeof RRule.parseString>): string | null {
  for (const [name, key, min, max] of PART_RANGES) {
    const raw = options[key];
    if (raw === undefined || raw === null) continue;
    const values = (Array.isArray(raw) ? raw : [raw]) as unknown[];
    const bad = values.find((v) => typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max || (v === 0 && min < 0));
    if (bad !== undefined) return `${name}=${JSON.stringify(bad)} is out of range (${min}..${max}${min < 0 ? ', not 0' : ''})`;
  }
  return null;
}

/** A wall-clock time `YYYY-MM-DDTHH:mm[:ss]` (or with an offset, converted) in the zone. */
function wallClock(value: string, zone: string, field: string): DateTime {
  const hasOffset = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const parsed = hasOffset ? DateTime.fromISO(value, { setZone: true }).setZone(zone) : DateTime.fromISO(value, { zone: 'UTC' });
  if (!isLocalDateTime(value) || !parsed.isValid || parsed.year < 1900 || parsed.year > 9999) {
    throw new RecurrenceError(field, `${field}: must be a local date-time such as 2027-03-09T10:00`);
  }
  return parsed;
}

/** The wall-clock fields of `dt` as a floating Date (fields held in UTC). */
function floating(dt: DateTime): Date {
  return new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second));
}

/** The instant at which the zone's clock shows the floating wall time, by the DST rule above. */
export function placeInZone(wall: Date, zone: string): Date {
  const tz = IANAZone.create(zone);
  const fields = wall.getTime();
  const day = 24 * 3600 * 1000;
  const offsets = [...new Set([tz.offset(fields - day), tz.offset(fields + day)])];
  const candidates = offsets.map((offset) => fields - offset * 60_000).filter((at) => tz.offset(at) * 60_000 === fields - at);
  if (candidates.length > 0) return new Date(Math.min(...candidates));
  // In a gap: read with the offset before it, which lands after the gap.
  return new Date(fields - tz.offset(fields - day) * 60_000);
}
