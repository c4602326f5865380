import { createIntl, createIntlCache, IntlShape } from '@formatjs/intl';
import { IntlMessageFormat } from 'intl-messageformat';
import { DEFAULT_LANGUAGE, LANGUAGES, Language } from '@liaison/domain';
import { CATALOGUES } from './catalogues';

/** What a message's placeholders take: text, numbers, instants (formatted in the reader's zone). */
export type MessageValues = Record<string, string | number | Date>;

const cache = createIntlCache();
const speakers = new Map<string, Speaker>();

/**
 * What speaks one language in one zone: `@formatjs/intl` over the language's catalogue, with each
 * message's formatter and each date style's `Intl.DateTimeFormat` made once and kept. Through
 * `formatMessage` and `formatDate`, every call merged the formats anew and serialised its arguments
 * into a memo key, which was a seventh of the notifier's CPU in a burst of reminders.
 */
class Speaker {
  private readonly intl: IntlShape;
  /** The message format's named date and time formats, shown in this zone (as `formatMessage` merges them at each call). */
  private readonly formats: IntlMessageFormat['formats'];
  private readonly messages = new Map<string, IntlMessageFormat>();
  private readonly dates = new Map<string, Intl.DateTimeFormat>();

  constructor(
    private readonly language: Language,
    private readonly zone: string,
  ) {
    this.intl = createIntl(
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
    const inZone = (formats: Record<string, Intl.DateTimeFormatOptions>) =>
      Object.fromEntries(Object.entries(formats).map(([name, options]) => [name, { timeZone: zone, ...options }]));
    const { formats } = IntlMessageFormat;
    this.formats = { ...formats, date: inZone(formats.date), time: inZone(formats.time) };
  }

  /** The formatter of message `key`, as `formatMessage` makes it. */
  message(key: string): IntlMessageFormat {
    let format = this.messages.get(key);
    if (!format) {
      format = this.intl.formatters.getMessageFormat(CATALOGUES[this.language][key], this.language, this.formats, {
        formatters: this.intl.formatters,
      });
      this.messages.set(key, format);
    }
    return format;
  }

  /** An instant in this zone, as `formatDate` shows it with these styles. */
  date(dateStyle: 'full' | 'medium', timeStyle?: 'short'): Intl.DateTimeFormat {
    const id = `${dateStyle}|${timeStyle ?? ''}`;
    let format = this.dates.get(id);
    if (!format) {
      format = new Intl.DateTimeFormat(this.language, { timeZone: this.zone, dateStyle, ...(timeStyle ? { timeStyle } : {}) });
      this.dates.set(id, format);
    }
    return format;
  }
}

function speakerOf(language: Language, zone: string): Speaker {
  const id = `${language}|${zone}`;
  let speaker = speakers.get(id);
  if (!speaker) {
    speaker = new Speaker(language, zone);
    speakers.set(id, speaker);
  }
  return speaker;
}

/**
 * A message of the catalogue in `language`, its placeholders filled; dates inside the message
 * (`{at, date, full}`) are shown in `zone`. Throws on a key neither catalogue has.
 */
export function translate(language: Language, key: string, values: MessageValues = {}, zone = 'UTC'): string {
  if (!(key in CATALOGUES[language])) throw new Error(`no message "${key}" in the ${language} catalogue`);
  return String(speakerOf(language, zone).message(key).format(values));
}

/** How an instant reads to a person: their language's words and order, in `zone`. */
export function formatDateTime(language: Language, at: Date, zone: string, style: 'full' | 'medium' = 'full'): string {
  return speakerOf(language, zone).date(style, 'short').format(at);
}

/** A calendar day as a person reads it, in `zone`. */
export function formatDay(language: Language, at: Date, zone: string): string {
  return speakerOf(language, zone).date('full').format(at);
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
