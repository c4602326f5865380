import { DateTime, Duration, IANAZone } from 'luxon';

/** An instant as ISO 8601 with its offset, in the given zone (UTC, written `Z`, by default). */
export function isoInZone(instant: Date, zone = 'UTC'): string {
  const dt = DateTime.fromJSDate(instant, { zone });
  return zone === 'UTC' ? dt.toUTC().toISO()! : dt.toISO()!;
}

export function isoOrNull(instant: Date | null | undefined, zone = 'UTC'): string | null {
  return instant ? isoInZone(instant, zone) : null;
}

export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** A positive ISO 8601 duration such as `P7D` or `PT20S`, in milliseconds; null when it is not one. */
export function durationMillis(iso: string): number | null {
  if (!/^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/.test(iso)) return null;
  const duration = Duration.fromISO(iso);
  if (!duration.isValid) return null;
  const millis = duration.as('milliseconds');
  return millis > 0 ? millis : null;
}

/** An ISO 8601 instant that carries an explicit offset (`Z` or `±hh:mm`). */
export function isInstantWithOffset(value: string): boolean {
  return (
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
    DateTime.fromISO(value, { setZone: true }).isValid
  );
}
