import { LANGUAGES } from '@liaison/domain';
import { LiteralElement, MessageFormatElement, parse, PoundElement, TagElement, TYPE } from '@formatjs/icu-messageformat-parser';
import { createIntl } from '@formatjs/intl';
import { CATALOGUES, NAMESPACES } from './catalogues';
import { formatDateTime, formatDay, languageOf, translate } from './translate';

type Placeholder = Exclude<MessageFormatElement, LiteralElement | PoundElement | TagElement>;

/** Calls `visit` with each placeholder of a message, those inside tags and plural and select branches included. */
function eachPlaceholder(message: string, visit: (placeholder: Placeholder) => void): void {
  const walk = (elements: MessageFormatElement[]): void => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      if (element.type === TYPE.tag) {
        walk(element.children);
        continue;
      }
      visit(element);
      if (element.type === TYPE.plural || element.type === TYPE.select) {
        for (const option of Object.values(element.options)) walk(option.value);
      }
    }
  };
  walk(parse(message));
}

/** The placeholders a message uses, with their type (`at:date`), plural and select branches included. */
function placeholdersOf(message: string): string[] {
  const found = new Set<string>();
  eachPlaceholder(message, (placeholder) => found.add(`${placeholder.value}:${TYPE[placeholder.type]}`));
  return [...found].sort();
}

describe('the message catalogues', () => {
  const [first, ...others] = LANGUAGES;

  it.each(others)('%s has the same namespaces as the first language', (language) => {
    expect(Object.keys(NAMESPACES[language]).sort()).toEqual(Object.keys(NAMESPACES[first]).sort());
  });

  it.each(LANGUAGES)('every key of every language is in %s', (language) => {
    const keys = new Set(LANGUAGES.flatMap((other) => Object.keys(CATALOGUES[other])));
    const missing = [...keys].filter((key) => !(key in CATALOGUES[language]));
    expect(missing).toEqual([]);
  });

  it('each message has the same placeholders, of the same type, in every language', () => {
    const differing = Object.keys(CATALOGUES[first]).flatMap((key) =>
      others
        .filter((language) => key in CATALOGUES[language])
        .filter((language) => placeholdersOf(CATALOGUES[language][key]).join() !== placeholdersOf(CATALOGUES[first][key]).join())
        .map(
          (language) =>
            `${key} (${language}): ${placeholdersOf(CATALOGUES[language][key]).join()} vs ${placeholdersOf(CATALOGUES[first][key]).join()}`,
        ),
    );
    expect(differing).toEqual([]);
  });

  it('every message parses as ICU MessageFormat', () => {
    for (const language of LANGUAGES) {
      for (const message of Object.values(CATALOGUES[language])) expect(() => parse(message)).not.toThrow();
    }
  });

  it('finds a placeholder that differs', () => {
    expect(placeholdersOf('{n, plural, one {# item {who}} other {# items}}')).toEqual(['n:plural', 'who:argument']);
  });
});

describe('translate', () => {
  it('fills placeholders in the language asked for', () => {
    expect(translate('en', 'common.details', { link: 'https://x/e/1' })).toBe('Details: https://x/e/1');
    expect(translate('fr', 'common.details', { link: 'https://x/e/1' })).toBe('Détails : https://x/e/1');
  });

  it('refuses a key no catalogue has', () => {
    expect(() => translate('en', 'common.nothing-here')).toThrow('no message "common.nothing-here" in the en catalogue');
  });

  it('formats instants in the language and the zone of the reader', () => {
    const at = new Date('2026-03-29T00:30:00Z');
    expect(formatDateTime('en', at, 'Europe/Paris')).toBe('Sunday, March 29, 2026 at 1:30 AM');
    expect(formatDateTime('fr', at, 'Europe/Paris')).toBe('dimanche 29 mars 2026 à 01:30');
    expect(formatDateTime('fr', at, 'America/New_York')).toBe('samedi 28 mars 2026 à 20:30');
  });
});

/** Values for every placeholder of a message: an instant, a number, a select's first branch, a text. */
function valuesFor(message: string): Record<string, string | number | Date> {
  const values: Record<string, string | number | Date> = {};
  eachPlaceholder(message, (placeholder) => {
    if (placeholder.type === TYPE.date || placeholder.type === TYPE.time) values[placeholder.value] = new Date('2026-10-25T00:30:00Z');
    else if (placeholder.type === TYPE.number || placeholder.type === TYPE.plural) values[placeholder.value] = 2;
    else if (placeholder.type === TYPE.select) values[placeholder.value] = Object.keys(placeholder.options)[0];
    else values[placeholder.value] = `<${placeholder.value}>`;
  });
  return values;
}

describe('translate and the formatters it keeps', () => {
  // Zones either side of UTC, one of them changing its clocks on the day the instants fall on.
  const zones = ['UTC', 'Europe/London', 'Pacific/Auckland', 'America/Santiago'];

  it('says every message of every catalogue as @formatjs/intl formatMessage does, in every zone', () => {
    const differing: string[] = [];
    for (const language of LANGUAGES) {
      for (const zone of zones) {
        const intl = createIntl({ locale: language, timeZone: zone, messages: CATALOGUES[language] });
        for (const [key, message] of Object.entries(CATALOGUES[language])) {
          const values = valuesFor(message);
          const ours = translate(language, key, values, zone);
          const theirs = intl.formatMessage({ id: key }, values);
          if (ours !== theirs) differing.push(`${language} ${zone} ${key}: ${ours} vs ${theirs}`);
        }
      }
    }
    expect(differing).toEqual([]);
  });

  it('formats instants and days as @formatjs/intl formatDate does', () => {
    const at = new Date('2026-10-25T00:30:00Z');
    for (const language of LANGUAGES) {
      for (const zone of zones) {
        const intl = createIntl({ locale: language, timeZone: zone });
        expect([formatDateTime(language, at, zone), formatDateTime(language, at, zone, 'medium'), formatDay(language, at, zone)]).toEqual([
          intl.formatDate(at, { dateStyle: 'full', timeStyle: 'short' }),
          intl.formatDate(at, { dateStyle: 'medium', timeStyle: 'short' }),
          intl.formatDate(at, { dateStyle: 'full' }),
        ]);
      }
    }
  });
});

describe('languageOf', () => {
  it("takes the person's own language, else their organisation's default, else English", () => {
    expect(languageOf({ language: 'fr', organization: { defaultLanguage: 'en' } })).toBe('fr');
    expect(languageOf({ language: null, organization: { defaultLanguage: 'fr' } })).toBe('fr');
    expect(languageOf({ language: null, organization: null })).toBe('en');
    expect(languageOf({ language: 'de' })).toBe('en');
  });
});
