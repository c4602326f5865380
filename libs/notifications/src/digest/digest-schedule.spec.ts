import { digestAt, DigestSchedule, nextDigestDue } from './digest-schedule';

const weekdays = (zone: string, extra: Partial<DigestSchedule> = {}): DigestSchedule => ({
  zone,
  weekendDays: [6, 7],
  holidays: [],
  quietHours: null,
  ...extra,
});
/** Every day worked: the DST Sundays are digest days. */
const everyDay = (zone: string, extra: Partial<DigestSchedule> = {}): DigestSchedule => weekdays(zone, { weekendDays: [], ...extra });

function next(after: string, schedule: DigestSchedule): { day: string; dueAt: string } | null {
  const occurrence = nextDigestDue(new Date(after), schedule);
  return occurrence && { day: occurrence.day, dueAt: occurrence.dueAt.toISOString() };
}

describe('nextDigestDue', () => {
  it('is 07:00 in a zone east of UTC (Paris, UTC+1 in winter), today when 07:00 is ahead', () => {
    expect(next('2026-12-03T05:00:00Z', weekdays('Europe/Paris'))).toEqual({ day: '2026-12-03', dueAt: '2026-12-03T06:00:00.000Z' });
  });

  it('is the next working day once 07:00 has passed, and strictly after the instant given', () => {
    expect(next('2026-12-03T06:00:00Z', weekdays('Europe/Paris'))).toEqual({ day: '2026-12-04', dueAt: '2026-12-04T06:00:00.000Z' });
  });

  it('is 07:00 in a zone west of UTC (New York, UTC-5 in winter)', () => {
    expect(next('2026-12-03T11:00:00Z', weekdays('America/New_York'))).toEqual({ day: '2026-12-03', dueAt: '2026-12-03T12:00:00.000Z' });
  });

  it('reads the day in the person’s zone, not in UTC (Tokyo, UTC+9: 23:00Z is already 08:00 the next day)', () => {
    expect(next('2026-12-02T23:00:00Z', weekdays('Asia/Tokyo'))).toEqual({ day: '2026-12-04', dueAt: '2026-12-03T22:00:00.000Z' });
  });

  it('skips the weekend: after Friday’s, Monday’s', () => {
    expect(next('2026-12-04T07:00:00Z', weekdays('Europe/Paris'))).toEqual({ day: '2026-12-07', dueAt: '2026-12-07T06:00:00.000Z' });
  });

  it('follows the organisation’s own weekend (Friday and Saturday off)', () => {
    expect(next('2026-12-03T05:00:00Z', weekdays('Asia/Dubai', { weekendDays: [5, 6] }))).toEqual({
      day: '2026-12-06',
      dueAt: '2026-12-06T03:00:00.000Z',
    });
  });

  it('skips a holiday: after Thursday 24 December, Monday 28 (25th a holiday, then the weekend)', () => {
    expect(next('2026-12-24T07:00:00Z', weekdays('Europe/Paris', { holidays: ['2026-12-25'] }))).toEqual({
      day: '2026-12-28',
      dueAt: '2026-12-28T06:00:00.000Z',
    });
  });

  it('keeps 07:00 local across the change to summer time (Paris, 28 March 2027: 07:00 is 05:00Z, the day before 06:00Z)', () => {
    const paris = everyDay('Europe/Paris');
    expect(next('2027-03-27T05:00:00Z', paris)).toEqual({ day: '2027-03-27', dueAt: '2027-03-27T06:00:00.000Z' });
    expect(next('2027-03-27T06:00:00Z', paris)).toEqual({ day: '2027-03-28', dueAt: '2027-03-28T05:00:00.000Z' });
  });

  it('keeps 07:00 local across the change back to winter time (Paris, 31 October 2027: 06:00Z, the day before 05:00Z)', () => {
    const paris = everyDay('Europe/Paris');
    expect(next('2027-10-30T04:00:00Z', paris)).toEqual({ day: '2027-10-30', dueAt: '2027-10-30T05:00:00.000Z' });
    expect(next('2027-10-30T05:00:00Z', paris)).toEqual({ day: '2027-10-31', dueAt: '2027-10-31T06:00:00.000Z' });
  });

  it('keeps 07:00 local across both changes west of UTC (New York, 14 March and 7 November 2027)', () => {
    const newYork = everyDay('America/New_York');
    expect(next('2027-03-13T12:00:00Z', newYork)).toEqual({ day: '2027-03-14', dueAt: '2027-03-14T11:00:00.000Z' });
    expect(next('2027-11-06T11:00:00Z', newYork)).toEqual({ day: '2027-11-07', dueAt: '2027-11-07T12:00:00.000Z' });
  });

  it('is sent at the end of quiet hours that cover 07:00 (22:00–08:30: 08:30 local)', () => {
    const quiet = weekdays('Europe/Paris', { quietHours: { start: '22:00', end: '08:30' } });
    expect(next('2026-12-03T05:00:00Z', quiet)).toEqual({ day: '2026-12-03', dueAt: '2026-12-03T07:30:00.000Z' });
    // Between 07:00 and 08:30 local that day's digest is still ahead.
    expect(next('2026-12-03T06:30:00Z', quiet)).toEqual({ day: '2026-12-03', dueAt: '2026-12-03T07:30:00.000Z' });
  });

  it('is at 07:00 when quiet hours end exactly then (they are [start, end))', () => {
    expect(next('2026-12-03T05:00:00Z', weekdays('Europe/Paris', { quietHours: { start: '23:00', end: '07:00' } }))).toEqual({
      day: '2026-12-03',
      dueAt: '2026-12-03T06:00:00.000Z',
    });
  });

  it('finds a digest that quiet hours pushed past midnight (05:00–01:00: Thursday’s at 01:00 Friday)', () => {
    const late = weekdays('Europe/Paris', { quietHours: { start: '05:00', end: '01:00' } });
    expect(next('2026-12-03T22:00:00Z', late)).toEqual({ day: '2026-12-03', dueAt: '2026-12-04T00:00:00.000Z' });
  });

  it('is null when the organisation never works', () => {
    expect(next('2026-12-03T05:00:00Z', weekdays('UTC', { weekendDays: [1, 2, 3, 4, 5, 6, 7] }))).toBeNull();
  });
});

describe('digestAt', () => {
  it('confirms a due instant the schedule still gives, with its day', () => {
    expect(digestAt(new Date('2026-12-24T06:00:00Z'), weekdays('Europe/Paris'))).toEqual({
      day: '2026-12-24',
      dueAt: new Date('2026-12-24T06:00:00Z'),
    });
  });

  it('refuses one the schedule no longer gives (the day was declared a holiday since)', () => {
    expect(digestAt(new Date('2026-12-24T06:00:00Z'), weekdays('Europe/Paris', { holidays: ['2026-12-24'] }))).toBeNull();
  });
});
