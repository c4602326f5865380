import { DateTime, IANAZone } from 'luxon';
import { Frequency, RRule } from 'rrule';

/**
 * RFC 5545 recurrence in a named time zone. `rrule` is run in floating time (wall-clock fields
 * held in UTC fields, UNTIL converted to the zone's wall clock), and each result is placed in the
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

export class RecurrenceError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const SUB_DAILY = new Set([Frequency.SECONDLY, Frequency.MINUTELY, Frequency.HOURLY]);

/** A parsed, checked rule that yields occurrence starts as real instants. */
export class Recurrence {
  private constructor(
    private readonly rule: RRule,
    readonly timezone: string,
    private readonly excluded: Set<number>,
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
    if (options.until) {
      // UNTIL in UTC (…Z) is turned into the zone's wall clock; a floating UNTIL already is one.
      const utc = /UNTIL=\d{8}T\d{6}Z/i.test(text);
      options.until = utc ? floating(DateTime.fromJSDate(options.until, { zone: 'UTC' }).setZone(input.timezone)) : options.until;
    }
    const rule = new RRule({ ...options, dtstart: floating(start), tzid: undefined });
    const excluded = new Set((input.exdates ?? []).map((d) => floating(wallClock(d, input.timezone, 'exdates')).getTime()));
    const recurrence = new Recurrence(rule, input.timezone, excluded);
    // Occurrences in the first year, [start, start + 1 year).
    const firstYear = rule.between(new Date(floating(start).getTime() - 1), floating(start.plus({ years: 1 })), false);
    if (firstYear.length > limits.maxPerYear) {
      throw new RecurrenceError(
        'rrule',
        `rrule: more than ${limits.maxPerYear} occurrences a year; consultations recur at most that often`,
      );
    }
    return recurrence;
  }

  /** The first `count` occurrence starts at or after `from` (default: from the first), EXDATEs left out. */
  next(count: number, from?: Date): Date[] {
    return this.occurrences(count, from).map((o) => o.start);
  }

  /** Like `next`, with each occurrence's index in the whole series (0 for the first), for host rotation. */
  occurrences(count: number, from?: Date): Array<{ start: Date; index: number }> {
    const result: Array<{ start: Date; index: number }> = [];
    if (count <= 0) return result;
    let index = 0;
    this.rule.all((date) => {
      if (!this.excluded.has(date.getTime())) {
        const start = placeInZone(date, this.timezone);
        if (!from || start.getTime() >= from.getTime()) result.push({ start, index });
        index += 1;
      }
      return result.length < count;
    });
    return result;
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
  if (!parsed.isValid || parsed.year < 1900 || parsed.year > 9999 || !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?/.test(value)) {
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
