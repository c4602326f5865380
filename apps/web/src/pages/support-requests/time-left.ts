/** A deadline as the API gives it. */
export interface Deadline {
  kind: string;
  dueAt: string;
  metAt: string | null;
  breached: boolean;
  paused: boolean;
  /**
   * The working time left until `dueAt` on the providing organisation's calendar, as the API counts
   * it: an ISO 8601 duration of days and time (`P1DT4H`, `PT0S` once passed); null when met, paused
   * or the request is over.
   */
  workingTimeLeft: string | null;
}

const ISO_DAYS_AND_TIME = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/**
 * The days, hours and minutes of an ISO 8601 duration of days and time, the seconds rounded up to
 * the next minute (so a fresh `P2D` deadline, read a second later, still says 2 days); a day is a
 * working day as the API counts it, and 24 hours make one. Undefined when it is not such a duration.
 */
export function spanOf(iso: string): { days: number; hours: number; minutes: number } | undefined {
  const match = ISO_DAYS_AND_TIME.exec(iso);
  if (!match || iso === 'P' || iso.endsWith('T')) return undefined;
  const [days, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0));
  const total = Math.ceil((((days * 24 + hours) * 60 + minutes) * 60 + seconds) / 60);
  return { days: Math.floor(total / 1440), hours: Math.floor(total / 60) % 24, minutes: total % 60 };
}

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/**
 * A working time in words, its two largest units (the rest left out): `2 working days 3 hours`,
 * `5 working hours 20 minutes`, `40 working minutes`; undefined for none, or for what is not an
 * ISO 8601 duration of days and time.
 */
export function formatWorkingTime(iso: string): string | undefined {
  const span = spanOf(iso);
  if (!span) return undefined;
  const { days, hours, minutes } = span;
  if (days > 0) return `${count(days, 'working day')}${hours ? ` ${count(hours, 'hour')}` : ''}`;
  if (hours > 0) return `${count(hours, 'working hour')}${minutes ? ` ${count(minutes, 'minute')}` : ''}`;
  if (minutes > 0) return count(minutes, 'working minute');
  return undefined;
}

/**
 * How a deadline stands, in words, from what the API says of it: `met`, `met late`, `paused while
 * waiting for the requester`, `overdue` (breached), `due in 2 working days 3 hours` (its
 * `workingTimeLeft`, counted by the API on the providing organisation's calendar), `no working time
 * left` (due at the start of the next working day, say), or `no longer running` (the request is over).
 */
export function deadlineStanding(deadline: Deadline): string {
  if (deadline.metAt) return deadline.breached ? 'met late' : 'met';
  if (deadline.paused) return 'paused while waiting for the requester';
  if (deadline.workingTimeLeft === null) return 'no longer running';
  if (deadline.breached) return 'overdue';
  const span = spanOf(deadline.workingTimeLeft);
  if (!span) return 'due';
  const left = formatWorkingTime(deadline.workingTimeLeft);
  return left ? `due in ${left}` : 'no working time left';
}

/** The deadline still open (not met), soonest first: the one a list shows. */
export function nextOpenDeadline<D extends Deadline>(deadlines: D[]): D | undefined {
  return deadlines.filter((d) => !d.metAt).sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt))[0];
}
