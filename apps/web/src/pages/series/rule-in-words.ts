import { cityOf } from '../../format/time';
import { rruleParts, WEEKDAY_NAMES, weekdayOf, type Weekday } from './rule-model';

/** What a series' rule is read from: its RRULE value, its local start, its zone, and its hosts in turn. */
export interface RuleInput {
  rrule: string;
  /** Local wall-clock start, `2027-01-12T15:00`. */
  dtstart: string;
  timezone: string;
  hostRotation?: string[];
}

const ORDINAL_WORDS = [
  '',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const UNIT = { DAILY: 'day', WEEKLY: 'week', MONTHLY: 'month', YEARLY: 'year' } as const;
const SUPPORTED = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'BYMONTHDAY', 'COUNT', 'UNTIL', 'WKST']);

/**
 * A series' rule as a person says it: `every second Tuesday at 15:00, Brussels time; hosts
 * alternate UN, NATO`. Rules of parts it does not put in words (BYSETPOS, BYWEEKNO…) are named by
 * their RRULE. English, 24-hour clock, the series' own zone.
 */
export function ruleInWords({ rrule, dtstart, timezone, hostRotation = [] }: RuleInput): string {
  const parts = rruleParts(rrule);
  const when = recurrence(parts, dtstart) ?? `by the rule ${rrule.replace(/^RRULE:/i, '')}`;
  const time = dtstart.length >= 16 ? dtstart.slice(11, 16) : '00:00';
  const zone = timezone === 'UTC' || timezone === 'Etc/UTC' ? 'UTC' : `${cityOf(timezone)} time`;
  return `${when} at ${time}, ${zone}${ending(parts)}${hosts(hostRotation)}`;
}

/** `second`, `third` … `twelfth`, then `13th`; `every` for 1. */
export function everyNth(n: number, unit: string): string {
  if (n <= 1) return `every ${unit}`;
  return `every ${ORDINAL_WORDS[n] ?? numbered(n)} ${unit}`;
}

/** `1st`, `2nd`, `3rd`, `11th`, `22nd`. */
export function numbered(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

function recurrence(parts: Record<string, string>, dtstart: string): string | undefined {
  const freq = parts.FREQ as keyof typeof UNIT | undefined;
  if (!freq || !(freq in UNIT) || Object.keys(parts).some((key) => !SUPPORTED.has(key))) return undefined;
  const interval = Number(parts.INTERVAL ?? '1');
  const days = (parts.BYDAY ?? '').split(',').filter(Boolean);
  const monthDays = (parts.BYMONTHDAY ?? '').split(',').filter(Boolean).map(Number);
  switch (freq) {
    case 'DAILY':
      return days.length === 0 && monthDays.length === 0 ? everyNth(interval, 'day') : undefined;
    case 'WEEKLY': {
      if (monthDays.length > 0 || days.some((day) => /\d/.test(day))) return undefined;
      const names = (days.length > 0 ? (days as Weekday[]) : [weekdayOf(dtstart)]).map((day) => WEEKDAY_NAMES[day]);
      if (interval <= 1) return `every ${list(names)}`;
      return names.length === 1 ? everyNth(interval, names[0]) : `${everyNth(interval, 'week')} on ${list(names)}`;
    }
    case 'MONTHLY': {
      const of = everyNth(interval, 'month');
      if (days.length > 0 && monthDays.length > 0) return undefined;
      if (days.length > 0) {
        const phrases = days.map(dayOfMonth);
        if (phrases.some((p) => p === undefined)) return undefined;
        return `${list(phrases as string[])} of ${of}`;
      }
      const chosen = monthDays.length > 0 ? monthDays : [Number(dtstart.slice(8, 10))];
      return `the ${list(chosen.map(monthDay))} of ${of}`;
    }
    case 'YEARLY': {
      if (days.length > 0 || monthDays.length > 0) return undefined;
      const on = `${Number(dtstart.slice(8, 10))} ${MONTHS[Number(dtstart.slice(5, 7)) - 1]}`;
      return `${everyNth(interval, 'year')} on ${on}`;
    }
  }
}

/** `2TU` → `the second Tuesday`, `-1FR` → `the last Friday`, `TU` → `every Tuesday`. */
function dayOfMonth(code: string): string | undefined {
  const match = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/.exec(code);
  if (!match) return undefined;
  const name = WEEKDAY_NAMES[match[2] as Weekday];
  if (!match[1]) return `every ${name}`;
  const n = Number(match[1]);
  if (n === -1) return `the last ${name}`;
  if (n < 0) return `the ${ORDINAL_WORDS[-n] ?? numbered(-n)}-to-last ${name}`;
  return `the ${ORDINAL_WORDS[n] ?? numbered(n)} ${name}`;
}

function monthDay(n: number): string {
  if (n === -1) return 'last day';
  if (n < 0) return `${numbered(-n)}-to-last day`;
  return numbered(n);
}

function ending(parts: Record<string, string>): string {
  if (parts.COUNT) return Number(parts.COUNT) === 1 ? ', once' : `, ${Number(parts.COUNT)} times`;
  const until = parts.UNTIL;
  if (until && /^\d{8}/.test(until)) {
    return `, until ${Number(until.slice(6, 8))} ${MONTHS[Number(until.slice(4, 6)) - 1]} ${until.slice(0, 4)}`;
  }
  return '';
}

function hosts(rotation: string[]): string {
  if (rotation.length === 0) return '';
  if (rotation.length === 1) return `; hosted by ${rotation[0]}`;
  if (rotation.length === 2) return `; hosts alternate ${rotation.join(', ')}`;
  return `; hosts take turns: ${rotation.join(', ')}`;
}

/** `A`, `A and B`, `A, B and C`. */
function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
