import { PAGES, pageUrl, type Language } from '@liaison/domain';
import { formatDateTime, formatDay, translate } from '@liaison/i18n';
import type { DigestExchangeRow } from '@liaison/persistence';
import { DateTime } from 'luxon';
import type { DigestContent, DigestWaitingItem } from './digest-content';

/** The digest as an e-mail: subject and plain text. */
export interface DigestMessage {
  subject: string;
  text: string;
}

export interface DigestReader {
  name: string;
  language: Language;
  zone: string;
}

/**
 * Renders a digest in the reader's language, dates and times in their zone. A RESTRICTED exchange
 * shows what its reminders show outside Liaison: its times and a link, never its title or place.
 */
export function renderDigest(content: DigestContent, day: string, reader: DigestReader, publicBaseUrl: string): DigestMessage {
  const { language, zone } = reader;
  const t = (key: string, values: Record<string, string | number | Date> = {}) => translate(language, `digest.${key}`, values, zone);
  const link = (path: string) => t('link', { url: pageUrl(publicBaseUrl, path) });
  const lines: string[] = [t('greeting', { name: reader.name }), '', t('intro')];
  const section = (heading: string, entries: string[][]) => {
    if (entries.length === 0) return;
    lines.push('', heading, '');
    for (const entry of entries) lines.push(...entry.map((line, i) => (i === 0 ? `- ${line}` : `  ${line}`)));
  };
  section(
    t('exchanges.heading'),
    content.exchanges.map((exchange) => [...exchangeLines(exchange, t), link(PAGES.exchange(exchange.id))]),
  );
  section(
    t('actionItems.heading'),
    content.actionItems.map((item) => [
      t('actionItems.item', { title: item.title, due: formatDateTime(language, new Date(item.dueAt!), zone, 'medium') }),
      ...itemLink(item, link),
    ]),
  );
  section(
    t('waiting.heading'),
    content.steps.map((item) => [
      t('waiting.item', {
        kind: item.kind.replace('-', '_'),
        organization: item.organization ?? '',
        action: item.action,
        title: item.title,
      }),
      ...(item.dueAt ? [t('waiting.due', { due: formatDateTime(language, new Date(item.dueAt), zone, 'medium') })] : []),
      ...itemLink(item, link),
    ]),
  );
  lines.push('', t('footer'));
  const dayStart = DateTime.fromISO(day, { zone }).set({ hour: 12 }).toJSDate();
  return { subject: t('subject', { day: formatDay(language, dayStart, zone) }), text: `${lines.join('\n')}\n` };
}

function exchangeLines(exchange: DigestExchangeRow, t: (key: string, values?: Record<string, string | number | Date>) => string): string[] {
  const start = new Date(exchange.startsAt);
  const end = new Date(start.getTime() + exchange.durationMinutes * 60_000);
  if (exchange.marking === 'RESTRICTED') return [t('exchanges.restricted', { start, end })];
  return [
    t('exchanges.item', { start, end, title: exchange.title }),
    ...(exchange.location ? [t('exchanges.location', { location: exchange.location })] : []),
  ];
}

function itemLink(item: DigestWaitingItem, link: (path: string) => string): string[] {
  if (item.supportRequestId) return [link(PAGES.supportRequest(item.supportRequestId))];
  if (item.exchangeId) return [link(PAGES.exchange(item.exchangeId))];
  return [];
}
