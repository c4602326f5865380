import { millisOf, PAGES, pageUrl } from '@liaison/domain';
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

/** Rises on every change a calendar must apply: each reschedule, then the cancellation. */
export function exchangeSequence(exchange: ExchangeEntity): number {
  return exchange.scheduleRevision - 1 + (exchange.status === 'cancelled' ? 1 : 0);
}

function newCalendar(options: { method?: ICalCalendarMethod; name?: string }): ICalCalendar {
  const calendar = ical({ prodId: { company: 'Liaison', product: 'liaison', language: 'EN' }, ...options });
  // A VTIMEZONE for every zone used, so that clients show DTSTART;TZID=… in the exchange's own zone.
  calendar.timezone({ name: null, generator: (zone: string) => tzlib_get_ical_block(zone)[0] });
  return calendar;
}

/**
 * One exchange as a VEVENT, in its own zone. A RESTRICTED exchange shows only its time and a link
 * (no title, description or location) outside Liaison.
 */
function addExchangeEvent(
  calendar: ICalCalendar,
  exchange: ExchangeEntity,
  options: IcsOptions & { attendee?: PersonEntity; cancelled: boolean; alarms?: string[] },
): void {
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
    summary: restricted ? 'Exchange (restricted)' : exchange.title,
    description: restricted ? `Details (sign-in required): ${url}` : `${exchange.title}\n${url}`,
    location: restricted ? undefined : (exchange.location ?? undefined),
    url,
    status: options.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: 'Liaison', email: options.organizerEmail },
    attendees: options.attendee
      ? [
          {
            name: options.attendee.name,
            email: options.attendee.email,
            rsvp: true,
            role: ICalAttendeeRole.REQ,
            status: ICalAttendeeStatus.NEEDSACTION,
          },
        ]
      : [],
    alarms: (options.alarms ?? []).map((offset) => ({ type: ICalAlarmType.display, trigger: millisOf(offset) / 1000 })),
  });
}

/**
 * An iMIP invitation for one exchange (RFC 5546): REQUEST while it stands, CANCEL once cancelled.
 * Same UID as the calendar feed, SEQUENCE rising with every change, so a client updates the one
 * event in place instead of adding a second.
 */
export function exchangeInvitation(
  exchange: ExchangeEntity,
  attendee: PersonEntity,
  options: IcsOptions & { method?: 'REQUEST' | 'CANCEL' },
): string {
  const method = options.method ?? (exchange.status === 'cancelled' ? 'CANCEL' : 'REQUEST');
  const calendar = newCalendar({ method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  addExchangeEvent(calendar, exchange, { ...options, attendee, cancelled: method === 'CANCEL' });
  return calendar.toString();
}

/** A person's exchanges as a subscribable feed, with alarms at their reminder offsets. */
export function calendarFeed(exchanges: ExchangeEntity[], person: PersonEntity, options: IcsOptions): string {
  const calendar = newCalendar({ name: `Liaison: ${person.name}` });
  for (const exchange of exchanges) {
    addExchangeEvent(calendar, exchange, { ...options, cancelled: exchange.status === 'cancelled', alarms: exchange.reminderOffsets });
  }
  return calendar.toString();
}
