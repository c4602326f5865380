/**
 * Whether a participant attends an exchange: not answered yet, yes, maybe, no, or handed to a
 * colleague of the same organisation (who becomes a participant). The names are iCalendar's
 * PARTSTAT values (RFC 5545 §3.2.12), lower-cased.
 */
export const ATTENDANCE_STATUSES = ['needs-action', 'accepted', 'tentative', 'declined', 'delegated'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/** What a participant may answer; `needs-action` is only where everyone starts. */
export const ATTENDANCE_ANSWERS = ['accepted', 'tentative', 'declined', 'delegated'] as const;
export type AttendanceAnswer = (typeof ATTENDANCE_ANSWERS)[number];

/** The answers an e-mail link may give (a delegation names a colleague, which a link cannot). */
export const ATTENDANCE_LINK_ANSWERS = ['accepted', 'tentative', 'declined'] as const;
export type AttendanceLinkAnswer = (typeof ATTENDANCE_LINK_ANSWERS)[number];

/** The iCalendar PARTSTAT of an attendance. */
export function partstatOf(status: AttendanceStatus): string {
  return status.toUpperCase();
}
