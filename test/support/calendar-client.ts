import type { ReceivedMail } from './smtp-sink';
import { parseCalendar } from './ics';

/** What a mail client holds of one event, as ical.js read it. */
export interface HeldEvent {
  uid: string;
  sequence: number;
  start: string;
  end: string;
  summary: string;
  description: string;
  location: string | null;
  partstat: string | null;
  rsvp: string | null;
}

/** One iMIP message as received: its method and the event it carries. */
export interface ImipMessage {
  method: string;
  event: HeldEvent;
  mail: ReceivedMail;
}

/** The text/calendar part of a mail, decoded by mailparser (its transfer encoding, its charset); null when it has none. */
function calendarPartOf(mail: ReceivedMail): string | null {
  const part = mail.mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  return part ? part.content.toString('utf8') : null;
}

/** The iMIP messages of these mails (those with a text/calendar part), in the order given. */
export function imipMessages(mails: ReceivedMail[]): ImipMessage[] {
  return mails.flatMap((mail) => {
    const ics = calendarPartOf(mail);
    if (ics === null) return [];
    const calendar = parseCalendar(ics);
    return [{ method: calendar.method ?? '', event: heldOf(calendar.events[0]), mail }];
  });
}

/** An ical.js event as a client keeps it: times as instants, the (one) attendee's PARTSTAT and RSVP. */
export function heldOf(event: ReturnType<typeof parseCalendar>['events'][number]): HeldEvent {
  const attendee = event.component.getFirstProperty('attendee');
  const param = (name: string) => {
    const value = attendee?.getParameter(name);
    return typeof value === 'string' ? value : null;
  };
  const location = event.location;
  return {
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    summary: event.summary,
    description: event.description ?? '',
    location: typeof location === 'string' && location !== '' ? location : null,
    partstat: param('partstat'),
    rsvp: param('rsvp'),
  };
}

/**
 * A mail client's calendar, the way RFC 5546 asks it to apply iMIP: events kept by UID; a REQUEST
 * whose SEQUENCE is at least the one held replaces it (an older one is ignored); a CANCEL removes it.
 */
export function applyInOrder(messages: ImipMessage[]): Map<string, HeldEvent> {
  const held = new Map<string, HeldEvent>();
  for (const { method, event } of messages) {
    if (method === 'CANCEL') {
      held.delete(event.uid);
      continue;
    }
    if (method !== 'REQUEST') continue;
    const current = held.get(event.uid);
    if (!current || event.sequence >= current.sequence) held.set(event.uid, event);
  }
  return held;
}
