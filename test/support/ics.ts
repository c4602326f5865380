import ICAL from 'ical.js';

/** Parses an iCalendar text with ical.js, its VTIMEZONEs registered so that TZID times convert. */
export function parseCalendar(ics: string): { method: string | null; events: ICAL.Event[]; component: ICAL.Component } {
  const component = new ICAL.Component(ICAL.parse(ics));
  for (const vtimezone of component.getAllSubcomponents('vtimezone')) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const method = component.getFirstPropertyValue('method');
  return {
    method: typeof method === 'string' ? method : null,
    events: component.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent)),
    component,
  };
}

/** The text/calendar part of a raw message, as nodemailer's icalEvent writes it. */
export function icsOfMail(raw: string): string {
  const match = /BEGIN:VCALENDAR[\s\S]*?END:VCALENDAR/.exec(raw.replace(/=\r?\n/g, ''));
  if (!match) throw new Error('no text/calendar part in the message');
  return match[0];
}
