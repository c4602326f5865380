import { isoInZone } from '@liaison/common';
import type { ExchangeEntity, PersonEntity, ReminderKind } from '@liaison/persistence';
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
  options: { publicBaseUrl: string; outsideLiaison: boolean; kind?: ReminderKind; organization?: string },
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
  const subject = restricted ? `exchange on ${start.toFormat('d LLL yyyy, HH:mm')}` : exchange.title;
  const kind = options.kind ?? 'exchange';
  const title = { exchange: 'Reminder', confirmation: 'Please confirm', escalation: 'Escalation: not confirmed' }[kind] + `: ${subject}`;
  const ask =
    kind === 'exchange'
      ? []
      : [
          kind === 'confirmation'
            ? `${options.organization} has not confirmed this exchange, and its confirmation deadline has passed. Please confirm: ${link}/confirm`
            : `${options.organization} has still not confirmed this exchange after its deadline; its coordinators were reminded.`,
        ];
  const lines = restricted
    ? [`An exchange you take part in starts ${when}.${yours}`, `Details (sign-in required): ${link}`]
    : [
        `${exchange.title} starts ${when}.${yours}`,
        `Starts at: ${isoInZone(exchange.startsAt, exchange.timezone)} for ${exchange.durationMinutes} minutes`,
        ...(exchange.location ? [`Where: ${exchange.location}`] : []),
        `Details: ${link}`,
      ];
  return { title, body: [...ask, ...lines].join('\n'), link };
}
