import { isoInZone } from '@liaison/common';
import type { ExchangeEntity, PersonEntity } from '@liaison/persistence';
import { PAGES, pageUrl } from '@liaison/domain';
import type { Language, ReminderKind } from '@liaison/domain';
import { formatDateTime, languageOf, translate } from '@liaison/i18n';

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

/** A reminder's title, `<heading>: <subject>`, in the reader's language; every kind, exchange and support request alike. */
export function reminderTitle(language: Language, kind: ReminderKind, subject: string): string {
  return translate(language, 'reminders.title', { heading: translate(language, `reminders.heading.${kind}`), subject });
}

/**
 * What a reminder says, in the person's language with times in their words. A RESTRICTED exchange
 * gives only times and a link on channels that leave Liaison (e-mail, webhook): no title, no
 * agenda, minutes or action-item text. The in-app inbox, behind a sign-in, shows them.
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
  const language = languageOf(person);
  const t = (key: string, values?: Record<string, string | number | Date>) => translate(language, `reminders.${key}`, values);
  const link = pageUrl(options.publicBaseUrl, PAGES.exchange(exchange.id));
  const when = t('when', { at: formatDateTime(language, exchange.startsAt, exchange.timezone), zone: exchange.timezone });
  const yours =
    person.timezone === exchange.timezone
      ? []
      : [
          translate(language, 'common.yourTime', {
            at: formatDateTime(language, exchange.startsAt, person.timezone),
            zone: person.timezone,
          }),
        ];
  const restricted = options.outsideLiaison && exchange.marking === 'RESTRICTED';
  const kind = options.kind ?? 'exchange';
  const item = options.actionItem;
  const subject = item
    ? restricted
      ? t('subject.restrictedItem', { at: formatDateTime(language, item.dueAt, person.timezone, 'medium') })
      : item.title
    : restricted
      ? t('subject.restrictedExchange', { at: formatDateTime(language, exchange.startsAt, exchange.timezone, 'medium') })
      : exchange.title;
  const ask = asks(language, kind, { organization: options.organization ?? '', link, item, zone: person.timezone, restricted });
  const lines = restricted
    ? [
        t(item ? 'restricted.itemOfExchange' : 'restricted.exchange', { when }),
        ...yours,
        translate(language, 'common.detailsSignIn', { link }),
      ]
    : [
        t(item ? 'exchange.wasHeld' : 'exchange.starts', { title: exchange.title, when }),
        ...yours,
        t('exchange.startsAt', { iso: isoInZone(exchange.startsAt, exchange.timezone), minutes: exchange.durationMinutes }),
        ...(exchange.location ? [t('exchange.where', { location: exchange.location })] : []),
        translate(language, 'common.details', { link }),
      ];
  return { title: reminderTitle(language, kind, subject), body: [...ask, ...lines].join('\n'), link };
}

/** What the reminder asks of its reader, by kind; nothing for a plain reminder of the meeting. */
function asks(
  language: Language,
  kind: ReminderKind,
  about: { organization: string; link: string; item?: ActionItemSubject; zone: string; restricted: boolean },
): string[] {
  switch (kind) {
    case 'confirmation':
    case 'escalation':
    case 'minutes':
    case 'minutes-escalation':
    case 'attendance':
      return [translate(language, `reminders.ask.${kind}`, { organization: about.organization, link: about.link })];
    case 'action-due':
    case 'action-overdue':
    case 'action-escalation':
      return [
        translate(language, `reminders.ask.${kind}`, {
          restricted: about.restricted ? 'yes' : 'no',
          title: about.item?.title ?? '',
          due: about.item ? formatDateTime(language, about.item.dueAt, about.zone) : '',
        }),
      ];
    default:
      return [];
  }
}
