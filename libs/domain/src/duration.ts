/**
 * ISO 8601 durations, the one reading of them for the configuration, the API and the workflows.
 * Years, months and weeks count as 365, 30 and 7 days (nominal, as Luxon's casual conversion does);
 * seconds may carry a fraction.
 */
const ISO_DURATION =
  /^P(?!$)(?:([0-9]+)Y)?(?:([0-9]+)M)?(?:([0-9]+)W)?(?:([0-9]+)D)?(?:T(?=[0-9])(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]+)?)S)?)?$/;

/** A duration that `durationMillis` takes: the shape above with a digit other than 0 in it (the API document's pattern). */
export const POSITIVE_DURATION = new RegExp(`^(?=.*[1-9])${ISO_DURATION.source.slice(1)}`);

const DAY_MS = 86_400_000;

function parse(iso: string): number | null {
  const parts = ISO_DURATION.exec(iso);
  if (!parts) return null;
  const [, y = '0', mo = '0', w = '0', d = '0', h = '0', mi = '0', s = '0'] = parts;
  const days = Number(y) * 365 + Number(mo) * 30 + Number(w) * 7 + Number(d);
  return days * DAY_MS + Number(h) * 3_600_000 + Number(mi) * 60_000 + Math.round(Number(s) * 1000);
}

/** A positive ISO 8601 duration (`P7D`, `PT20S`) in milliseconds; null when it is not one or is zero. */
export function durationMillis(iso: string): number | null {
  const millis = parse(iso);
  return millis !== null && millis > 0 ? millis : null;
}

/** Like `durationMillis`, for a duration already validated (configuration, stored rows): zero (`PT0S`) is 0, a string that is not a duration throws. */
export function millisOf(iso: string): number {
  const millis = parse(iso);
  if (millis === null) throw new Error(`not an ISO 8601 duration: "${iso}"`);
  return millis;
}
