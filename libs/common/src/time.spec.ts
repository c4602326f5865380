import { isInstantWithOffset, isoInZone, isValidTimeZone } from './time';

describe('time helpers', () => {
  it('writes instants with their offset in a zone', () => {
    const instant = new Date('2027-03-09T09:00:00Z');
    expect(isoInZone(instant)).toBe('2027-03-09T09:00:00.000Z');
    expect(isoInZone(instant, 'Europe/Brussels')).toBe('2027-03-09T10:00:00.000+01:00');
    expect(isoInZone(new Date('2027-07-09T09:00:00Z'), 'America/New_York')).toBe('2027-07-09T05:00:00.000-04:00');
  });

  it('knows IANA zones and instants with an offset', () => {
    expect(isValidTimeZone('Europe/Brussels')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isInstantWithOffset('2027-03-09T10:00:00.000+01:00')).toBe(true);
    expect(isInstantWithOffset('2027-03-09T10:00:00Z')).toBe(true);
    expect(isInstantWithOffset('2027-03-09T10:00:00')).toBe(false);
    expect(isInstantWithOffset('2027-02-30T10:00:00Z')).toBe(false);
  });
});
