/**
 * The size limits of the API's input, declared once. Every array a DTO takes has a maximum number of
 * items and every string a maximum length, named here; the input screen refuses anything larger than
 * the largest of them before validation runs, so no validator ever walks a 60,000-item list.
 */

/** An organisation code as a body names it (2–16 characters by the organisation's own rule). */
export const MAX_CODE = 16;
/** A code looked up rather than matched against the pattern: support-request parties, audit filter. */
export const MAX_LOOKUP_CODE = 32;
/** A cooperation-area code of an exchange, a series or an agenda item. */
export const MAX_AREA = 40;
/** A support request's area codes, and any free-text list filter (`?area=`, `?organization=`). */
export const MAX_FILTER = 64;
/** An e-mail address (RFC 5321's path limit). */
export const MAX_EMAIL = 254;
/** An RRULE value. */
export const MAX_RRULE = 500;
/** A local date-time such as a series' dtstart or an EXDATE. */
export const MAX_LOCAL_TIME = 40;
/** A person's or an organisation's name, a requesting unit, a support request's title. */
export const MAX_NAME = 200;
/** An exchange's or a series' title. */
export const MAX_TITLE = 300;
/** An agenda item's or action item's title, a location, an admin's reason. */
export const MAX_LINE = 500;
/** A reschedule or cancellation reason. */
export const MAX_REASON = 1000;
/** A withdrawal reason. */
export const MAX_SHORT_TEXT = 2000;
/** A description, question, answer, rationale, summary or message. */
export const MAX_TEXT = 10_000;
/** Minutes: the longest string any field takes. */
export const MAX_MINUTES_TEXT = 100_000;
/** A link (URL). */
export const MAX_URL = 2048;
/** A pagination cursor (the API's own are under 100 characters). */
export const MAX_CURSOR = 200;

/** Cooperation areas of an exchange or series. */
export const MAX_AREAS = 50;
/** Organisations taking part in an exchange or series, and a series' host rotation. */
export const MAX_ORGANIZATIONS = 20;
/** Participants of an exchange or series: the largest list any field takes. */
export const MAX_PARTICIPANTS = 500;
/** Reminder offsets of an exchange or series. */
export const MAX_REMINDER_OFFSETS = 20;
/** Dates left out of a series (EXDATE). */
export const MAX_EXDATES = 200;
/** Holidays of an organisation's calendar (a year's worth, with room). */
export const MAX_HOLIDAYS = 400;
/** Links of a support request. */
export const MAX_LINKS = 20;

/** The input screen's caps: nothing in a body or query may be larger than what some field accepts. */
export const MAX_ARRAY_ITEMS = MAX_PARTICIPANTS;
export const MAX_STRING_LENGTH = MAX_MINUTES_TEXT;
