/**
 * Instants as a person reads them, with Intl.DateTimeFormat: always in a named time zone (the
 * person's own, or an exchange's host zone), never the browser's by accident.
 */

/** `Tue 8 Dec 2026, 15:00` (in the locale's order and clock). */
export function formatDateTime(iso: string, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** `15:00`. */
export function formatTime(iso: string, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

/** `15:00–16:30`, both ends in `timeZone`. */
export function formatTimeRange(startIso: string, endIso: string, timeZone: string, locale?: string): string {
  return `${formatTime(startIso, timeZone, locale)}–${formatTime(endIso, timeZone, locale)}`;
}

/** The zone's short name at that instant (`CET`, `GMT+1`, `EST`), as the locale names it. */
export function zoneName(iso: string, timeZone: string, locale?: string): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(iso))
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** `Tue 8 Dec`: a day heading. */
export function formatDay(iso: string, timeZone: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(iso));
}

/**
 * The host's local time beside the reader's, when it reads differently: `15:00–16:00 Brussels
 * time` for a reader in New York; `undefined` when the two zones show the same wall-clock time.
 */
export function hostTime(startIso: string, endIso: string, hostZone: string, readerZone: string, locale?: string): string | undefined {
  const host = formatTimeRange(startIso, endIso, hostZone, locale);
  if (host === formatTimeRange(startIso, endIso, readerZone, locale)) return undefined;
  return `${host} ${cityOf(hostZone)} time`;
}

/** `Europe/Brussels` → `Brussels`, `America/Argentina/Buenos_Aires` → `Buenos Aires`, `UTC` → `UTC`. */
export function cityOf(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replace(/_/g, ' ');
}
