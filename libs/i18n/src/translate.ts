import { createIntl, createIntlCache, IntlShape } from '@formatjs/intl';
import { DEFAULT_LANGUAGE, LANGUAGES, Language } from '@liaison/domain';
import { CATALOGUES } from './catalogues';

/** What a message's placeholders take: text, numbers, instants (formatted in the reader's zone). */
export type MessageValues = Record<string, string | number | Date>;

const cache = createIntlCache();
const intls = new Map<string, IntlShape>();

/** One formatter per language and zone, made once: `@formatjs/intl` over the language's catalogue. */
function intlFor(language: Language, zone: string): IntlShape {
  const id = `${language}|${zone}`;
  let intl = intls.get(id);
  if (!intl) {
    intl = createIntl(
      {
        locale: language,
        timeZone: zone,
        messages: CATALOGUES[language],
        // A missing key is a bug the catalogue spec catches; in production it must not pass silently.
        onError: (error) => {
          throw error;
        },
      },
      cache,
    );
    intls.set(id, intl);
  }
  return intl;
}

/**
 * A message of the catalogue in `language`, its placeholders filled; dates inside the message
 * (`{at, date, full}`) are shown in `zone`. Throws on a key neither catalogue has.
 */
export function translate(language: Language, key: string, values: MessageValues = {}, zone = 'UTC'): string {
  if (!(key in CATALOGUES[language])) throw new Error(`no message "${key}" in the ${language} catalogue`);
  return intlFor(language, zone).formatMessage({ id: key }, values);
}

/** How an instant reads to a person: their language's words and order, in `zone`. */
export function formatDateTime(language: Language, at: Date, zone: string, style: 'full' | 'medium' = 'full'): string {
  return intlFor(language, zone).formatDate(at, { dateStyle: style, timeStyle: 'short' });
}

/** A calendar day as a person reads it, in `zone`. */
export function formatDay(language: Language, at: Date, zone: string): string {
  return intlFor(language, zone).formatDate(at, { dateStyle: 'full' });
}

/** Whether a value is one of the languages Liaison speaks. */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The language a person is written to in: their own, else their organisation's default, else
 * English. One rule for every channel: e-mail, `.ics`, inbox, webhook text.
 */
export function languageOf(person: { language?: string | null; organization?: { defaultLanguage?: string | null } | null }): Language {
  if (isLanguage(person.language)) return person.language;
  const fallback = person.organization?.defaultLanguage;
  return isLanguage(fallback) ? fallback : DEFAULT_LANGUAGE;
}
