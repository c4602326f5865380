/** How the page writes figures: times in UTC (admins sit in several time zones), durations with their unit. */

/** `2026-05-04 09:00 UTC`. */
export function utc(at: Date | string): string {
  return `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `09:00`, the UTC hour of a chart axis. */
export function utcHour(at: Date): string {
  return at.toISOString().slice(11, 16);
}

/** `Mon 4 May`, a day of the timeline's axis (UTC). */
export function utcDay(at: Date): string {
  return at.toLocaleDateString('en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' });
}

/** A lateness in seconds: `0.24 s`, `12.5 s`, `4.2 min`, `1.5 h`. */
export function seconds(value: number): string {
  const size = Math.abs(value);
  if (size < 10) return `${value.toFixed(2)} s`;
  if (size < 60) return `${value.toFixed(1)} s`;
  if (size < 3600) return `${(value / 60).toFixed(1)} min`;
  return `${(value / 3600).toFixed(1)} h`;
}

/** `in 3 h` or `5 min ago`, rounded down to the largest whole unit. */
export function relative(at: Date | string, now: Date): string {
  const delta = Math.round((new Date(at).getTime() - now.getTime()) / 1000);
  const size = Math.abs(delta);
  const span =
    size < 60
      ? `${size} s`
      : size < 3600
        ? `${Math.floor(size / 60)} min`
        : size < 86_400
          ? `${Math.floor(size / 3600)} h`
          : `${Math.floor(size / 86_400)} d`;
  return delta >= 0 ? `in ${span}` : `${span} ago`;
}
