import { isoInZone } from '@liaison/common';
import type { ExchangeEntity, PersonEntity } from '@liaison/persistence';
import { PAGES, pageUrl } from '@liaison/domain';
import type { ReminderKind } from '@liaison/domain';
import { DateTime } from 'luxon';

export interface ReminderMessage {
  title: string;
  body: string;
  link: string;
}

/** The action item a reminder is about, when it is about one. */
export interface ActionItemSubject {
  id: string;
  title: string;
  dueAt: Date;
}

/** The heading of every reminder kind, exchange and support request alike. */
export const HEADINGS: Record<ReminderKind, string> = {
  exchange: 'Reminder',
  confirmation: 'Please confirm',
  escalation: 'Escalation: not confirmed',
  minutes: 'Minutes due',
  'minutes-escalation': 'Escalation: no minutes',
  'action-due': 'Action item due soon',
  'action-overdue': 'Action item overdue',
  'action-escalation': 'Escalation: action item overdue',
  'support-reminder': 'Support request deadline coming',
  'support-breach': 'Support request deadline missed',
  'support-escalation': 'Escalation: support request deadline missed',
  attendance: 'Attendance not settled',
};

/** The notification kind an inbox entry gets for each reminder kind. */
export const INBOX_KINDS: Record<ReminderKind, string> = {
  exchange: 'exchange.reminder',
  confirmation: 'exchange.confirmation',
  escalation: 'exchange.escalation',
  minutes: 'exchange.minutes',
  'minutes-escalation': 'exchange.minutes-escalation',
  'action-due': 'action-item.due',
  'action-overdue': 'action-item.overdue',
  'action-escalation': 'action-item.escalation',
  'support-reminder': 'support-request.reminder',
  'support-breach': 'support-request.breach',
  'support-escalation': 'support-request.escalation',
  attendance: 'exchange.attendance',
};

/**
 * What a reminder says. A RESTRICTED exchange gives only times and a link on channels that leave
 * Liaison (e-mail): no title, no agenda, minutes or action-item text. The in-app inbox, behind a
 * token, shows them.
 */
export function renderReminder(
  exchange: ExchangeEntity,
  person: PersonEntity,
  options: {
    publicBaseUrl: string;
    outsideLiaison: boolean;
    kind?: ReminderKind;
    organization?: string;
    actionItem?: ActionItemSubject;
  },
): ReminderMessage {
  const link = pageUrl(options.publicBaseUrl, PAGES.exchange(exchange.id));
  const start = DateTime.fromJSDate(exchange.startsAt, { zone: exchange.timezone });
  const local = DateTime.fromJSDate(exchange.startsAt, { zone: person.timezone });
  const when = `${start.toFormat('cccc d LLLL yyyy, HH:mm')} (${exchange.timezone})`;
  const yours =
    person.timezone === exchange.timezone ? '' : `\nYour time: ${local.toFormat('cccc d LLLL yyyy, HH:mm')} (${person.timezone})`;
  const restricted = options.outsideLiaison && exchange.marking === 'RESTRICTED';
  const kind = options.kind ?? 'exchange';
  const item = options.actionItem;
  const subject = item
    ? restricted
      ? `due ${DateTime.fromJSDate(item.dueAt, { zone: person.timezone }).toFormat('d LLL yyyy, HH:mm')}`
      : item.title
    : restricted
      ? `exchange on ${start.toFormat('d LLL yyyy, HH:mm')}`
      : exchange.title;
  const title = `${HEADINGS[kind]}: ${subject}`;
  const ask = asks(kind, options.organization, link, item, person.timezone, restricted);
  const lines = restricted
    ? [
        `${item ? 'It comes from an exchange' : 'An exchange'} you take part in${item ? ', held' : ', starting'} ${when}.${yours}`,
        `Details (sign-in required): ${link}`,
      ]
    : [
        `${exchange.title} ${item ? 'was held' : 'starts'} ${when}.${yours}`,
        `Starts at: ${isoInZone(exchange.startsAt, exchange.timezone)} for ${exchange.durationMinutes} minutes`,
        ...(exchange.location ? [`Where: ${exchange.location}`] : []),
        `Details: ${link}`,
      ];
  return { title, body: [...ask, ...lines].join('\n'), link };
}

function asks(
  kind: ReminderKind,
  organization: string | undefined,
  link: string,
  item: ActionItemSubject | undefined,
  zone: string,
  restricted: boolean,
): string[] {
  const due = item ? isoInZone(item.dueAt, zone) : '';
  const what = restricted ? 'An action item you own' : `"${item?.title ?? ''}"`;
  switch (kind) {
    case 'exchange':
      return [];
    case 'confirmation':
      return [`${organization} has not confirmed this exchange, and its confirmation deadline has passed. Please confirm: ${link}/confirm`];
    case 'escalation':
      return [`${organization} has still not confirmed this exchange after its deadline; its coordinators were reminded.`];
    case 'minutes':
      return [`The minutes of this exchange are due and no draft exists yet. Please draft them: ${link}/minutes`];
    case 'minutes-escalation':
      return [`The minutes of this exchange are still not drafted after their deadline; the host's coordinators were reminded.`];
    case 'action-due':
      return [`${what} is due ${due}.`];
    case 'action-overdue':
      return [`${what} was due ${due} and is still open.`];
    case 'action-escalation':
      return [
        `${restricted ? 'An action item' : what} owned by your organisation was due ${due} and is still open; its owner was reminded.`,
      ];
    case 'attendance':
      return [`No senior participant of ${organization} has accepted this exchange yet. Please see who attends: ${link}`];
    default:
      return [];
  }
}
