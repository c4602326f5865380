/**
 * What an event about a RESTRICTED resource gives (docs/events.md): its ids, its status and its
 * times, nothing else. Kept: `id`, every `…Id` / `…Ids`, `status`, every `…Status` and `attendance` (a participant's status), every `…At` and `…Start`
 * instant and `timezone` (the zone those instants are written in). Nested objects and lists of
 * anything but ids are dropped: a title, a location, a participant's name never leave.
 */
/** The names of the fields a restricted form keeps (also its schema's `patternProperties`, RestrictedEventData). */
export const RESTRICTED_FIELD = /^(id|status|attendance|timezone)$|(Id|Ids|Status|At|Start)$/;

export function restrictedView(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).filter(([key, value]) => RESTRICTED_FIELD.test(key) && isScalarOrIds(value)));
}

function isScalarOrIds(value: unknown): boolean {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string');
  return value === null || typeof value !== 'object';
}
