import type { Language } from '@liaison/domain';
import enAttendance from './messages/en/attendance.json';
import enCalendar from './messages/en/calendar.json';
import enCommon from './messages/en/common.json';
import enDigest from './messages/en/digest.json';
import enEventSubscriptions from './messages/en/event-subscriptions.json';
import enQuietHours from './messages/en/quiet-hours.json';
import enReminders from './messages/en/reminders.json';
import enSignIn from './messages/en/sign-in.json';
import frAttendance from './messages/fr/attendance.json';
import frCalendar from './messages/fr/calendar.json';
import frCommon from './messages/fr/common.json';
import frDigest from './messages/fr/digest.json';
import frEventSubscriptions from './messages/fr/event-subscriptions.json';
import frQuietHours from './messages/fr/quiet-hours.json';
import frReminders from './messages/fr/reminders.json';
import frSignIn from './messages/fr/sign-in.json';

/** One namespace of messages: a file per language under `messages/<language>/<namespace>.json`. */
type Namespace = Record<string, string>;

/**
 * The catalogue of each language: every namespace file, its keys prefixed with the namespace
 * (`reminders.heading.exchange`). A new namespace is one file per language and one line each here;
 * `catalogues.spec.ts` fails when a key or a placeholder differs between the languages.
 */
export const NAMESPACES: Record<Language, Record<string, Namespace>> = {
  en: {
    attendance: enAttendance,
    calendar: enCalendar,
    common: enCommon,
    digest: enDigest,
    'event-subscriptions': enEventSubscriptions,
    'quiet-hours': enQuietHours,
    reminders: enReminders,
    'sign-in': enSignIn,
  },
  fr: {
    attendance: frAttendance,
    calendar: frCalendar,
    common: frCommon,
    digest: frDigest,
    'event-subscriptions': frEventSubscriptions,
    'quiet-hours': frQuietHours,
    reminders: frReminders,
    'sign-in': frSignIn,
  },
};

function flatten(namespaces: Record<string, Namespace>): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const [namespace, entries] of Object.entries(namespaces)) {
    for (const [key, message] of Object.entries(entries)) messages[`${namespace}.${key}`] = message;
  }
  return messages;
}

/** Every message of each language by its full key, in ICU MessageFormat. */
export const CATALOGUES: Record<Language, Record<string, string>> = {
  en: flatten(NAMESPACES.en),
  fr: flatten(NAMESPACES.fr),
};
