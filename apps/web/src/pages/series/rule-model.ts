/**
 * The rule builder's state and the RFC 5545 RRULE it writes (and reads back, for an amendment).
 * Pure: no React, no clock.
 */

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const WEEKDAY_NAMES: Record<Weekday, string> = {
  MO: 'Monday',
  TU: 'Tuesday',
  WE: 'Wednesday',
  TH: 'Thursday',
  FR: 'Friday',
  SA: 'Saturday',
  SU: 'Sunday',
};

/** Which week of the month, for "the second Tuesday of every month": 1–4, or -1 for the last. */
export type Ordinal = 1 | 2 | 3 | 4 | -1;

export type RuleEnd = { kind: 'never' } | { kind: 'count'; count: number } | { kind: 'until'; date: string };

export interface RuleDraft {
  frequency: 'weekly' | 'monthly';
  /** Every `interval` weeks or months (1 = every). */
  interval: number;
  /** Weekly: the days of the week. */
  weekdays: Weekday[];
  /** Monthly: the `ordinal` `monthWeekday` of the month. */
  ordinal: Ordinal;
  monthWeekday: Weekday;
  end: RuleEnd;
}

export const DEFAULT_DRAFT: RuleDraft = {
  frequency: 'weekly',
  interval: 1,
  weekdays: ['TU'],
  ordinal: 2,
  monthWeekday: 'TU',
  end: { kind: 'never' },
};

/** The RRULE value of a draft (`FREQ=WEEKLY;INTERVAL=2;BYDAY=TU`); UNTIL is the end of that day, wall-clock in the series' zone. */
export function toRrule(draft: RuleDraft): string {
  const parts = [`FREQ=${draft.frequency === 'weekly' ? 'WEEKLY' : 'MONTHLY'}`];
  if (draft.interval > 1) parts.push(`INTERVAL=${draft.interval}`);
  if (draft.frequency === 'weekly') {
    const days = WEEKDAYS.filter((day) => draft.weekdays.includes(day));
    if (days.length > 0) parts.push(`BYDAY=${days.join(',')}`);
  } else {
    parts.push(`BYDAY=${draft.ordinal}${draft.monthWeekday}`);
  }
  if (draft.end.kind === 'count') parts.push(`COUNT=${draft.end.count}`);
  if (draft.end.kind === 'until') parts.push(`UNTIL=${draft.end.date.replace(/-/g, '')}T235959`);
  return parts.join(';');
}

/** The parts of an RRULE value, upper-cased keys (`{ FREQ: 'WEEKLY', BYDAY: 'TU' }`); `RRULE:` prefix allowed. */
export function rruleParts(rrule: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of rrule.replace(/^RRULE:/i, '').split(';')) {
    const [key, value] = part.split('=');
    if (key && value !== undefined) parts[key.toUpperCase()] = value;
  }
  return parts;
}

const ORDINAL_DAY = /^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$/;

/** The draft a rule was made from, when the builder can show it; `undefined` for any other rule (daily, BYSETPOS…). */
export function draftFromRrule(rrule: string): RuleDraft | undefined {
  const parts = rruleParts(rrule);
  const known = new Set(['FREQ', 'INTERVAL', 'BYDAY', 'COUNT', 'UNTIL']);
  if (Object.keys(parts).some((key) => !known.has(key))) return undefined;
  const interval = parts.INTERVAL ? Number(parts.INTERVAL) : 1;
  const end: RuleEnd = parts.COUNT
    ? { kind: 'count', count: Number(parts.COUNT) }
    : parts.UNTIL
      ? { kind: 'until', date: `${parts.UNTIL.slice(0, 4)}-${parts.UNTIL.slice(4, 6)}-${parts.UNTIL.slice(6, 8)}` }
      : { kind: 'never' };
  const days = (parts.BYDAY ?? '').split(',').filter(Boolean);
  const matched = days.map((day) => ORDINAL_DAY.exec(day));
  if (matched.some((m) => m === null)) return undefined;
  if (parts.FREQ === 'WEEKLY' && days.length > 0 && matched.every((m) => !m?.[1])) {
    return { ...DEFAULT_DRAFT, frequency: 'weekly', interval, weekdays: matched.map((m) => m?.[2] as Weekday), end };
  }
  if (parts.FREQ === 'MONTHLY' && matched.length === 1 && matched[0]?.[1]) {
    const ordinal = Number(matched[0][1]);
    if (![1, 2, 3, 4, -1].includes(ordinal)) return undefined;
    return { ...DEFAULT_DRAFT, frequency: 'monthly', interval, ordinal: ordinal as Ordinal, monthWeekday: matched[0][2] as Weekday, end };
  }
  return undefined;
}

/** The weekday of a local date `YYYY-MM-DD` (its weekday everywhere). */
export function weekdayOf(date: string): Weekday {
  const day = new Date(`${date.slice(0, 10)}T12:00:00Z`).getUTCDay();
  return WEEKDAYS[(day + 6) % 7];
}

/** Which week of its month a date falls in: 1–4, or -1 when it is the last such weekday (a 5th one). */
export function ordinalOf(date: string): Ordinal {
  const day = Number(date.slice(8, 10));
  const nth = Math.ceil(day / 7);
  return nth >= 5 ? -1 : (nth as Ordinal);
}
