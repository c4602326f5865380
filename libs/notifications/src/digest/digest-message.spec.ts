import type { DigestExchangeRow } from '@liaison/persistence';
import type { DigestContent } from './digest-content';
import { renderDigest } from './digest-message';

const exchange = (overrides: Partial<DigestExchangeRow> = {}): DigestExchangeRow => ({
  id: '11111111-1111-4111-8111-111111111111',
  title: 'Staff talks on protection',
  startsAt: new Date('2026-12-03T09:00:00Z'),
  durationMinutes: 60,
  timezone: 'Europe/Paris',
  location: 'Video link',
  marking: 'UNMARKED',
  status: 'scheduled',
  ...overrides,
});

const empty: DigestContent = { exchanges: [], actionItems: [], steps: [] };

describe('renderDigest', () => {
  it('writes the day, the exchange’s times in the reader’s zone, its title, place and link; no empty section', () => {
    const { subject, text } = renderDigest(
      { ...empty, exchanges: [exchange()] },
      '2026-12-03',
      { name: 'Ana', language: 'en', zone: 'Europe/Paris' },
      'https://liaison.example.org',
    );
    expect(subject).toBe('Your day: Thursday, December 3, 2026');
    expect(text).toContain('- 10:00 AM–11:00 AM: Staff talks on protection');
    expect(text).toContain('  Where: Video link');
    expect(text).toContain('  Details: https://liaison.example.org/exchanges/11111111-1111-4111-8111-111111111111');
    expect(text).not.toContain('Waiting for you');
    expect(text).not.toContain('action items');
  });

  it('shows a RESTRICTED exchange by its times and link only', () => {
    const { text } = renderDigest(
      { ...empty, exchanges: [exchange({ marking: 'RESTRICTED', title: 'Secret', location: 'Room 9' })] },
      '2026-12-03',
      { name: 'Ana', language: 'en', zone: 'Europe/Paris' },
      'https://liaison.example.org',
    );
    expect(text).toContain('an exchange you take part in (RESTRICTED)');
    expect(text).toContain('/exchanges/11111111-1111-4111-8111-111111111111');
    expect(text).not.toContain('Secret');
    expect(text).not.toContain('Room 9');
  });

  it('writes in French, with French dates and times, the steps waiting and the action items', () => {
    const { subject, text } = renderDigest(
      {
        exchanges: [exchange()],
        actionItems: [
          {
            kind: 'action-item',
            title: 'Partager le projet',
            exchangeId: exchange().id,
            supportRequestId: null,
            organization: null,
            action: 'update',
            dueAt: '2026-12-04T17:00:00+01:00',
          },
        ],
        steps: [
          {
            kind: 'confirmation',
            title: 'Consultation',
            exchangeId: exchange().id,
            supportRequestId: null,
            organization: 'NATO',
            action: 'confirm',
            dueAt: null,
          },
        ],
      },
      '2026-12-03',
      { name: 'Ana', language: 'fr', zone: 'Europe/Paris' },
      'https://liaison.example.org',
    );
    expect(subject).toBe('Votre journée : jeudi 3 décembre 2026');
    expect(text).toContain('Bonjour Ana,');
    expect(text).toContain('- 10:00–11:00 : Staff talks on protection');
    expect(text).toContain('Partager le projet, échéance le 4 déc. 2026, 17:00');
    expect(text).toContain('- Confirmer pour NATO : Consultation');
  });
});
