import fc from 'fast-check';
import { addWorkingTime, workingDurationBetween, WorkingCalendar } from './working-time';

const BRUSSELS: WorkingCalendar = { zone: 'Europe/Brussels', weekend: [6, 7], holidays: [] };
const EVERY_DAY: WorkingCalendar = { ...BRUSSELS, weekend: [] };

/** An instant written with its offset, e.g. '2027-01-08T10:00+01:00'. */
const at = (iso: string): Date => new Date(iso);

// January 2027: Thursday 7, Friday 8, Saturday 9, Sunday 10, Monday 11, Tuesday 12; Brussels is at +01:00.
describe('workingDurationBetween', () => {
  const left = (from: string, to: string, cal: WorkingCalendar = BRUSSELS) => workingDurationBetween(at(from), at(to), cal);

  it('counts a day as a step to the same local time on the next working day', () => {
    expect(left('2027-01-08T10:00+01:00', '2027-01-11T10:00+01:00')).toBe('P1D'); // Friday to Monday
    expect(left('2027-01-08T10:00+01:00', '2027-01-11T14:00+01:00')).toBe('P1DT4H');
    expect(left('2027-01-07T10:00+01:00', '2027-01-11T09:59:30+01:00')).toBe('P1DT23H59M30S'); // Thursday to just before Monday 10:00
  });

  it('counts the time part on working days only', () => {
    expect(left('2027-01-08T22:00+01:00', '2027-01-11T02:00+01:00')).toBe('PT4H'); // Friday 22:00 to Monday 02:00
    expect(left('2027-01-09T14:00+01:00', '2027-01-11T04:00+01:00')).toBe('PT4H'); // from Saturday: the clock starts on Monday
    expect(left('2027-01-08T23:00+01:00', '2027-01-12T01:00+01:00')).toBe('P1DT2H');
  });

  it('skips holidays', () => {
    const mondayOff: WorkingCalendar = { ...BRUSSELS, holidays: ['2027-01-11'] };
    expect(left('2027-01-08T10:00+01:00', '2027-01-12T10:00+01:00', mondayOff)).toBe('P1D');
    expect(left('2027-01-08T10:00+01:00', '2027-01-12T10:00+01:00')).toBe('P2D');
  });

  it('rounds down to the second', () => {
    expect(left('2027-01-08T10:00:00.000+01:00', '2027-01-08T10:01:30.999+01:00')).toBe('PT1M30S');
    expect(left('2027-01-08T10:00:00.000+01:00', '2027-01-08T10:00:00.999+01:00')).toBe('PT0S');
  });

  it('is PT0S once the time is up, or when no working time is left before it', () => {
    expect(left('2027-01-08T12:00+01:00', '2027-01-08T12:00+01:00')).toBe('PT0S');
    expect(left('2027-01-11T12:00+01:00', '2027-01-08T12:00+01:00')).toBe('PT0S');
    expect(left('2027-01-09T08:00+01:00', '2027-01-10T20:00+01:00')).toBe('PT0S'); // within the weekend
    expect(left('2027-01-08T20:00+01:00', '2027-01-09T00:00+01:00')).toBe('PT4H'); // to midnight before the weekend
  });

  it('keeps a day a day across a DST change', () => {
    // Brussels moves to summer time on Sunday 28 March 2027 (a 23-hour day) and back on Sunday 31 October (25 hours).
    expect(left('2027-03-27T10:00+01:00', '2027-03-28T10:00+02:00', EVERY_DAY)).toBe('P1D');
    expect(left('2027-10-30T10:00+02:00', '2027-10-31T10:00+01:00', EVERY_DAY)).toBe('P1D');
    expect(left('2027-10-31T00:00+02:00', '2027-10-31T23:30+01:00', EVERY_DAY)).toBe('PT24H30M');
  });

  it('is what addWorkingTime adds to get there, in zones with odd DST rules', () => {
    const zones = ['Europe/Brussels', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'America/Santiago'];
    const year = { min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) };
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.subarray([1, 2, 3, 4, 5, 6, 7], { maxLength: 6 }),
        fc.integer(year),
        fc.integer({ min: 0, max: 15 }),
        fc.integer({ min: 0, max: 48 * 3600 }),
        (zone, weekend, from, days, seconds) => {
          const cal: WorkingCalendar = { zone, weekend, holidays: ['2026-12-25', '2027-01-01', '2027-03-28', '2027-10-31'] };
          const start = new Date(Math.floor(from / 1000) * 1000);
          const to = addWorkingTime(start, `P${days}DT${seconds}S`, cal);
          expect(addWorkingTime(start, workingDurationBetween(start, to, cal), cal).getTime()).toBe(to.getTime());
        },
      ),
    );
  });
});
