import { cityOf, formatTimeRange, hostTime, zoneName } from './time';

describe('time formatting', () => {
  const start = '2026-12-08T14:00:00Z';
  const end = '2026-12-08T15:30:00Z';

  it('shows a range in the zone asked for', () => {
    expect(formatTimeRange(start, end, 'Europe/Brussels', 'en-GB')).toBe('15:00–16:30');
    expect(formatTimeRange(start, end, 'America/New_York', 'en-GB')).toBe('09:00–10:30');
  });

  it('names the host’s time beside the reader’s only when it reads differently', () => {
    expect(hostTime(start, end, 'Europe/Brussels', 'America/New_York', 'en-GB')).toBe('15:00–16:30 Brussels time');
    expect(hostTime(start, end, 'Europe/Brussels', 'Europe/Paris', 'en-GB')).toBeUndefined();
  });

  it('names zones and cities', () => {
    expect(zoneName(start, 'UTC', 'en-GB')).toBe('UTC');
    expect(cityOf('America/Argentina/Buenos_Aires')).toBe('Buenos Aires');
  });
});
