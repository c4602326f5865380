import { isoInZone } from '@liaison/common';
import type { ExchangeEntity, PersonEntity } from '@liaison/persistence';
import { DateTime } from 'luxon';

export interface ReminderMessage {
  title: string;
  body: string;
  link: string;
}

/**
 * What a reminder says. A RESTRICTED exchange gives only its time and a link on channels that
 * leave Liaison (e-mail); the in-app inbox, behind a token, shows the title.
 */
export function renderReminder(
  exchange: ExchangeEntity,
  person: PersonEntity,
  options: { publicBaseUrl: string; outsideLiaison: boolean },
): ReminderMessage {
  const link = `${options.publicBaseUrl}/v1/exchanges/${exchange.id}`;
  const start = DateTime.fromJSDate(exchange.startsAt, {
    zone: exchange.timezone,
  });
  const local = DateTime.fromJSDate(exchange.startsAt, {
    zone: person.timezone,
  });
  const when = `${start.toFormat('cccc d LLLL yyyy, HH:mm')} (${exchange.timezone})`;
  const yours =
    person.timezone === exchange.timezone ? '' : `\nYour time: ${local.toFormat('cccc d LLLL yyyy, HH:mm')} (${person.timezone})`;
  const restricted = options.outsideLiaison && exchange.marking === 'RESTRICTED';
  const title = restricted ? `Reminder: exchange on ${start.toFormat('d LLL yyyy, HH:mm')}` : `Reminder: ${exchange.title}`;
  const lines = restricted
    ? [`An exchange you take part in starts ${when}.${yours}`, `Details (sign-in required): ${link}`]
    : [
        `${exchange.title} starts ${when}.${yours}`,
        `Starts at: ${isoInZone(exchange.startsAt, exchange.timezone)} for ${exchange.durationMinutes} minutes`,
        ...(exchange.location ? [`Where: ${exchange.location}`] : []),
        `Details: ${link}`,
      ];
  return { title, body: lines.join('\n'), link };
}
