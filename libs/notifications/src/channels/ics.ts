import { millisOf, PAGES, pageUrl, partstatOf } from '@liaison/domain';
import type { AttendanceStatus, Language } from '@liaison/domain';
import { languageOf, translate } from '@liaison/i18n';
import type { ExchangeEntity, PersonEntity } from '@liaison/persistence';
import ical, {
  ICalAlarmType,
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendar,
  ICalCalendarMethod,
  ICalEventStatus,
} from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';

export interface IcsOptions {
  organizerEmail: string;
  publicBaseUrl: string;
}

/** The UID an exchange has everywhere: in invitations by e-mail and in every calendar feed. */
export function exchangeUid(exchangeId: string): string {
  return `exchange-${exchangeId}@liaison`;
}

/**
 * Rises on every change a calendar must apply: each reschedule, then the cancellation. Read from
 * the exchange's row alone, so an e-mail and the feed rendered at the same moment agree.
 */
export function exchangeSequence(exchange: Pick<ExchangeEntity, 'scheduleRevision' | 'status'>): number {
  return exchange.scheduleRevision - 1 + (exchange.status === 'cancelled' ? 1 : 0);
}

function newCalendar(language: Language, options: { method?: ICalCalendarMethod; name?: string }): ICalCalendar {
  const calendar = ical({ prodId: { company: 'Liaison', product: 'liaison', language: language.toUpperCase() }, ...options });
  // A VTIMEZONE for every zone used, so that clients show DTSTART;TZID=… in the exchange's own zone.
  calendar.timezone({ name: null, generator: (zone: string) => tzlib_get_ical_block(zone)[0] });
  return calendar;
}

/**
 * One exchange as a VEVENT, in its own zone, its texts in the reader's language. A RESTRICTED
 * exchange shows only its time and a link (no title, description or location) outside Liaison.
 * The reader is its one ATTENDEE, with their own answer as PARTSTAT and RSVP=FALSE: answers are
 * given through the links of the e-mails (or the app), never by an iMIP REPLY, which nobody reads.
 */
function addExchangeEvent(
  calendar: ICalCalendar,
  exchange: ExchangeEntity,
  reader: PersonEntity,
  options: IcsOptions & { attendance: AttendanceStatus; cancelled: boolean; alarms?: string[] },
): void {
  const language = languageOf(reader);
  const restricted = exchange.marking === 'RESTRICTED';
  const url = pageUrl(options.publicBaseUrl, PAGES.exchange(exchange.id));
  const zone = exchange.timezone;
  calendar.createEvent({
    id: exchangeUid(exchange.id),
    sequence: exchangeSequence(exchange),
    start: DateTime.fromJSDate(exchange.startsAt, { zone }),
    end: DateTime.fromJSDate(new Date(exchange.startsAt.getTime() + exchange.durationMinutes * 60_000), { zone }),
    timezone: zone,
    stamp: new Date(),
    summary: restricted ? translate(language, 'calendar.restrictedSummary') : exchange.title,
    description: restricted ? translate(language, 'calendar.restrictedDescription', { link: url }) : `${exchange.title}\n${url}`,
    location: restricted ? undefined : (exchange.location ?? undefined),
    url,
    status: options.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: 'Liaison', email: options.organizerEmail },
    attendees: [
      {
        name: reader.name,
        email: reader.email,
        rsvp: false,
        role: ICalAttendeeRole.REQ,
        status: partstatOf(options.attendance) as ICalAttendeeStatus,
      },
    ],
    alarms: (options.alarms ?? []).map((offset) => ({ type: ICalAlarmType.display, trigger: millisOf(offset) / 1000 })),
  });
}

/**
 * An iMIP message for one exchange and one person (RFC 5546): REQUEST while it stands and they take
 * part, CANCEL once it is cancelled or they were removed. Same UID as the calendar feed, SEQUENCE
 * rising with every change, so a client updates the one event in place instead of adding a second.
 * `attendee` is read with their organisation (their language may be its default).
 */
export function exchangeInvitation(
  exchange: ExchangeEntity,
  attendee: PersonEntity,
  options: IcsOptions & { attendance: AttendanceStatus; method?: 'REQUEST' | 'CANCEL' },
): string {
  const method = options.method ?? (exchange.status === 'cancelled' ? 'CANCEL' : 'REQUEST');
  const calendar = newCalendar(languageOf(attendee), {
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  addExchangeEvent(calendar, exchange, attendee, { ...options, cancelled: method === 'CANCEL' });
  return calendar.toString();
}

/**
 * A person's exchanges as a subscribable feed, with alarms at their reminder offsets and their
 * own answer to each (`attendance`, by exchange id; `needs-action` where none is known).
 */
export function calendarFeed(
  exchanges: ExchangeEntity[],
  person: PersonEntity,
  attendance: Map<string, AttendanceStatus>,
  options: IcsOptions,
): string {
  const language = languageOf(person);
  const calendar = newCalendar(language, { name: translate(language, 'calendar.feedName', { name: person.name }) });
  for (const exchange of exchanges) {
    addExchangeEvent(calendar, exchange, person, {
      ...options,
      attendance: attendance.get(exchange.id) ?? 'needs-action',
      cancelled: exchange.status === 'cancelled',
      alarms: exchange.reminderOffsets,
    });
  }
  return calendar.toString();
}
