import type { ExchangeEntity, PersonEntity } from '@liaison/persistence';
import ical, { ICalCalendarMethod, ICalAttendeeRole, ICalAttendeeStatus, ICalEventStatus } from 'ical-generator';

/**
 * An iMIP invitation for one exchange (RFC 5546): REQUEST while it stands, CANCEL once cancelled.
 * The UID is stable per exchange and SEQUENCE is its schedule revision, so a calendar updates
 * the one event in place after a reschedule instead of adding a second.
 */
export function exchangeInvitation(
  exchange: ExchangeEntity,
  attendee: PersonEntity,
  options: {
    organizerEmail: string;
    publicBaseUrl: string;
    method?: 'REQUEST' | 'CANCEL';
  },
): string {
  const method = options.method ?? (exchange.status === 'cancelled' ? 'CANCEL' : 'REQUEST');
  const restricted = exchange.marking === 'RESTRICTED';
  const url = `${options.publicBaseUrl}/v1/exchanges/${exchange.id}`;
  const calendar = ical({
    prodId: { company: 'Liaison', product: 'liaison', language: 'EN' },
    method: method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: `exchange-${exchange.id}@liaison`,
    sequence: exchange.scheduleRevision,
    start: exchange.startsAt,
    end: new Date(exchange.startsAt.getTime() + exchange.durationMinutes * 60_000),
    stamp: new Date(),
    summary: restricted ? 'Exchange (restricted)' : exchange.title,
    description: restricted ? `Details (sign-in required): ${url}` : `${exchange.title}\n${url}`,
    location: restricted ? undefined : (exchange.location ?? undefined),
    url,
    status: method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: 'Liaison', email: options.organizerEmail },
    attendees: [
      {
        name: attendee.name,
        email: attendee.email,
        rsvp: true,
        role: ICalAttendeeRole.REQ,
        status: ICalAttendeeStatus.NEEDSACTION,
      },
    ],
  });
  return calendar.toString();
}
