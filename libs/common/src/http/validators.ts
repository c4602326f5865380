import { applyDecorators } from '@nestjs/common';
import { IsString, Length, registerDecorator, ValidationOptions } from 'class-validator';
import { durationMillis, POSITIVE_DURATION } from '@liaison/domain';
import {
  CALENDAR_DATE,
  INSTANT_WITH_OFFSET,
  isCalendarDate,
  isInstantWithOffset,
  isLocalDateTime,
  isValidTimeZone,
  LOCAL_DATE_TIME,
  TIME_ZONES,
} from '../time';
import { MAX_LINE } from './limits';

/** A JSON Schema fragment (OpenAPI 3.0 dialect) stating what a rule accepts, for the API document. */
export type RuleSchema = Record<string, unknown>;

/**
 * Each custom rule's schema by its name, declared beside its test (one source of truth): the API
 * document states these (libs/common/src/http/openapi-constraints.ts) wherever a DTO uses the rule.
 */
export const RULE_SCHEMAS = new Map<string, RuleSchema>();

function rule(name: string, test: (value: unknown) => boolean, message: string, schema: RuleSchema) {
  RULE_SCHEMAS.set(name, schema);
  return (options?: ValidationOptions): PropertyDecorator =>
    (target, propertyName) =>
      registerDecorator({
        name,
        target: target.constructor,
        propertyName: String(propertyName),
        options: {
          message: options?.each ? `each value in $property ${message}` : `$property ${message}`,
          ...options,
        },
        validator: { validate: test },
      });
}

/** A named IANA time zone such as `Europe/Brussels`. */
export const IsTimeZone = rule(
  'isTimeZone',
  (v) => typeof v === 'string' && isValidTimeZone(v),
  'must be an IANA time zone such as Europe/Brussels',
  { type: 'string', enum: TIME_ZONES, enumName: 'TimeZone', example: 'Europe/Brussels' },
);

/** A positive ISO 8601 duration such as `P7D` or `PT1H`. */
export const IsIsoDuration = rule(
  'isIsoDuration',
  (v) => typeof v === 'string' && durationMillis(v) !== null,
  'must be a positive ISO 8601 duration such as P7D or PT1H',
  { type: 'string', format: 'duration', pattern: POSITIVE_DURATION.source, example: 'P7D' },
);

/** An ISO 8601 instant with its offset, such as `2027-03-09T10:00:00+01:00` or `…Z`. */
export const IsInstant = rule(
  'isInstant',
  (v) => typeof v === 'string' && isInstantWithOffset(v),
  'must be an ISO 8601 date-time with an offset, such as 2027-03-09T10:00:00+01:00 (years 1900-9999, offsets up to ±14:00)',
  { type: 'string', format: 'date-time', pattern: INSTANT_WITH_OFFSET.source, example: '2027-03-09T10:00:00+01:00' },
);

/** An absolute http or https URL, as the WHATWG URL parser (Node's `URL`) reads it. */
export const IsHttpUrl = rule(
  'isHttpUrl',
  (v) => typeof v === 'string' && URL.canParse(v) && /^https?:$/.test(new URL(v).protocol),
  'must be an http(s) URL',
  { type: 'string', format: 'uri', pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^/?#\\s]+', example: 'https://docs.example.org/brief.pdf' },
);

/** A calendar date `YYYY-MM-DD` that exists. */
export const IsCalendarDate = rule(
  'isCalendarDate',
  (v) => typeof v === 'string' && isCalendarDate(v),
  'must be a date YYYY-MM-DD that exists',
  { type: 'string', format: 'date', pattern: CALENDAR_DATE.source, example: '2027-03-09' },
);

/** A local date-time such as `2027-01-12T10:00` (a series' dtstart or EXDATE), read in the series' zone. */
export const IsLocalDateTime = rule(
  'isLocalDateTime',
  (v) => typeof v === 'string' && isLocalDateTime(v),
  'must be a local date-time such as 2027-01-12T10:00',
  { type: 'string', pattern: LOCAL_DATE_TIME.source, example: '2027-01-12T10:00' },
);

/** A wall-clock time `HH:mm`. */
const CLOCK_TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
export const IsClockTime = rule('isClockTime', (v) => typeof v === 'string' && CLOCK_TIME.test(v), 'must be a time HH:mm', {
  type: 'string',
  pattern: CLOCK_TIME.source,
  example: '09:00',
});

/** A list of `item`, comma-separated, as RFC 5545 writes a rule part's values. */
const listOf = (item: string) => `${item}(?:,${item})*`;
const WEEKDAY = '(?:MO|TU|WE|TH|FR|SA|SU)';
/** The rule parts of RFC 5545 (3.3.10), each with the shape of its value; the ranges are the rule's to check. */
const RRULE_PART = [
  'FREQ=(?:SECONDLY|MINUTELY|HOURLY|DAILY|WEEKLY|MONTHLY|YEARLY)',
  'UNTIL=[0-9]{8}(?:T[0-9]{6}Z?)?',
  '(?:COUNT|INTERVAL)=[0-9]{1,6}',
  `BY(?:SECOND|MINUTE|HOUR|MONTH)=${listOf('[0-9]{1,2}')}`,
  `BY(?:MONTHDAY|WEEKNO)=${listOf('[+-]?[0-9]{1,2}')}`,
  `BY(?:YEARDAY|SETPOS)=${listOf('[+-]?[0-9]{1,3}')}`,
  `BYDAY=${listOf(`(?:[+-]?[0-9]{1,2})?${WEEKDAY}`)}`,
  `WKST=${WEEKDAY}`,
].join('|');
const RRULE_VALUE = new RegExp(`^(?:RRULE:)?(?:${RRULE_PART})(?:;(?:${RRULE_PART}))*$`);

/**
 * An RRULE value as RFC 5545 writes one (`FREQ=MONTHLY;BYDAY=2TU`): rule parts of the grammar, each
 * with a value of its shape. Whether the rule is one Liaison takes (a FREQ, daily or longer, parts in
 * their ranges, occurrences within the limits) is the series' own rule to say, as a 422.
 */
export const IsRecurrenceRule = rule(
  'isRecurrenceRule',
  (v) => typeof v === 'string' && RRULE_VALUE.test(v),
  'must be an RFC 5545 RRULE value such as FREQ=MONTHLY;BYDAY=2TU (rule parts in capitals, separated by ;)',
  { type: 'string', pattern: RRULE_VALUE.source, example: 'FREQ=MONTHLY;BYDAY=2TU' },
);

/**
 * No two items alike, in one pass over a Set (class-validator's ArrayUnique compares every pair:
 * 60,000 items took 4.7 s). Items are compared as they are (strings, numbers).
 */
export const ArrayDistinct = rule(
  'arrayDistinct',
  (v) => Array.isArray(v) && new Set(v).size === v.length,
  'must not hold the same value twice',
  { type: 'array', uniqueItems: true },
);

/** One line of text, such as a title or a place: a string of 1 to MAX_LINE characters. */
export function IsLine(): PropertyDecorator {
  return applyDecorators(IsString(), Length(1, MAX_LINE));
}
