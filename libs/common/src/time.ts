import { DateTime, IANAZone } from 'luxon';

/** An instant as ISO 8601 with its offset, in the given zone (UTC, written `Z`, by default). */
export function isoInZone(instant: Date, zone = 'UTC'): string {
  const dt = DateTime.fromJSDate(instant, { zone });
  return zone === 'UTC' ? dt.toUTC().toISO()! : dt.toISO()!;
}

export function isoOrNull(instant: Date | null | undefined, zone = 'UTC'): string | null {
  return instant ? isoInZone(instant, zone) : null;
}

/**
 * The IANA time zones this runtime knows by their canonical names (its ICU's list), and `UTC`: what
 * the API document offers. Validation also takes their aliases (`Asia/Kolkata` for `Asia/Calcutta`).
 */
export const TIME_ZONES: readonly string[] = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];

/**
 * Zones already found valid. Luxon asks ICU each time (a new `Intl.DateTimeFormat`, a fraction of a
 * millisecond in every create's validation); only valid names are kept, so the set stays within the
 * zone list.
 */
const validZones = new Set<string>();

export function isValidTimeZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  validZones.add(zone);
  return true;
}

/** The shape of an instant with its offset; `isInstantWithOffset` also checks that the date exists. */
export const INSTANT_WITH_OFFSET =
  /^(19|[2-9][0-9])[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-](0[0-9]|1[0-4]):[0-5][0-9])$/;

/**
 * An ISO 8601 instant that carries an explicit offset (`Z` or `±hh:mm`, at most ±14:00, the widest
 * in use), in the years 1900 to 9999.
 */
export function isInstantWithOffset(value: string): boolean {
  if (!INSTANT_WITH_OFFSET.test(value)) return false;
  const instant = DateTime.fromISO(value, { setZone: true });
  return instant.isValid && instant.year >= 1900 && instant.year <= 9999;
}

/**
 * A local date-time (a series' dtstart, an EXDATE): `YYYY-MM-DD`, optionally `THH:mm`, seconds and a
 * fraction, and an offset that converts it into the series' zone. The shape only: whether the day
 * exists (30 February) is the recurrence's to say, as a rule (422), like the rest of the rule.
 */
export const LOCAL_DATE_TIME =
  /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$/;

export function isLocalDateTime(value: string): boolean {
  return LOCAL_DATE_TIME.test(value);
}

/** The shape of a calendar date; `isCalendarDate` also checks that it exists. */
export const CALENDAR_DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** A calendar date `YYYY-MM-DD` that exists (no 30 February). */
export function isCalendarDate(value: string): boolean {
  return CALENDAR_DATE.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid;
}
