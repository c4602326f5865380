/**
 * The organisations that have not approved the current version of the minutes (their `awaiting`):
 * none while nothing is drafted (`approved` null).
 */
export function minutesAwaiting(organizations: string[], approved: string[] | null): string[] {
  return approved === null ? [] : organizations.filter((code) => !approved.includes(code));
}
