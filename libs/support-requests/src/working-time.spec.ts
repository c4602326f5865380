import fc from 'fast-check';
import { DateTime } from 'luxon';
import { addWorkingMillis, addWorkingTime, isWorkingDay, workingMillisBetween, WorkingCalendar } from './working-time';

const BRUSSELS: WorkingCalendar = { zone: 'Europe/Brussels', weekend: [6, 7], holidays: [] };
const EVERY_DAY: WorkingCalendar = { ...BRUSSELS, weekend: [] };
const HOUR = 3_600_000;

/** An instant written with its offset, e.g. '2027-01-08T10:00+01:00'. */
const at = (iso: string): Date => new Date(iso);
/** The result as a UTC ISO string, compared exactly. */
const add = (start: string, duration: string, cal: WorkingCalendar = BRUSSELS): string =>
  addWorkingTime(at(start), duration, cal).toISOString();

// January 2027: Thursday 7, Friday 8, Saturday 9, Sunday 10, Monday 11, Tuesday 12; Brussels is at +01:00.
describe('addWorkingTime', () => {
  describe('weekends', () => {
    it('moves a day from Friday to Monday at the same local time', () => {
      expect(add('2027-01-08T10:00+01:00', 'P1D')).toBe('2027-01-11T09:00:00.000Z');
    });

    it('counts two working days from Thursday as Monday', () => {
      expect(add('2027-01-07T10:00+01:00', 'P2D')).toBe('2027-01-11T09:00:00.000Z');
    });

    it('starts the clock at 00:00 of Monday when the request comes in on Saturday', () => {
      expect(add('2027-01-09T14:00+01:00', 'PT4H')).toBe('2027-01-11T03:00:00.000Z'); // Monday 04:00 local
    });

    it('carries hours left at Friday midnight over to Monday', () => {
      expect(add('2027-01-08T22:00+01:00', 'PT4H')).toBe('2027-01-11T01:00:00.000Z'); // Monday 02:00 local
    });

    it('ends at midnight itself when the time runs out exactly then', () => {
      expect(add('2027-01-08T20:00+01:00', 'PT4H')).toBe('2027-01-08T23:00:00.000Z'); // Saturday 00:00 local
    });

    it('applies the days first, then the time', () => {
      // Friday 23:00 → Monday 23:00 → one hour to midnight, one more from Tuesday 00:00.
      expect(add('2027-01-08T23:00+01:00', 'P1DT2H')).toBe('2027-01-12T00:00:00.000Z');
    });

    it('returns the start for a zero duration, or 00:00 of the next working day', () => {
      expect(add('2027-01-08T10:00+01:00', 'PT0S')).toBe('2027-01-08T09:00:00.000Z');
      expect(add('2027-01-09T14:00+01:00', 'P0D')).toBe('2027-01-10T23:00:00.000Z'); // Monday 00:00 local
    });

    it('counts Saturday and Sunday when the weekend is empty', () => {
      expect(add('2027-01-08T10:00+01:00', 'P1D', EVERY_DAY)).toBe('2027-01-09T09:00:00.000Z');
      expect(add('2027-01-08T22:00+01:00', 'PT4H', EVERY_DAY)).toBe('2027-01-09T01:00:00.000Z');
    });
  });

  describe('holidays', () => {
    const mondayOff: WorkingCalendar = { ...BRUSSELS, holidays: ['2027-01-11'] };

    it('skips a holiday on the Monday', () => {
      expect(add('2027-01-08T10:00+01:00', 'P1D', mondayOff)).toBe('2027-01-12T09:00:00.000Z');
    });

    it('starts the clock on the next working day when the request comes in on a holiday', () => {
      expect(add('2027-01-11T09:00+01:00', 'PT2H', mondayOff)).toBe('2027-01-12T01:00:00.000Z'); // Tuesday 02:00 local
      expect(add('2027-01-11T09:00+01:00', 'P1D', mondayOff)).toBe('2027-01-12T23:00:00.000Z'); // Wednesday 00:00 local
    });

    it('reads holidays as local dates of the zone', () => {
      // 23:30 UTC on Sunday 10 is already Monday 11 in Brussels.
      expect(isWorkingDay(at('2027-01-10T23:30Z'), mondayOff)).toBe(false);
      expect(isWorkingDay(at('2027-01-10T23:30Z'), BRUSSELS)).toBe(true);
    });
  });

  describe('time zones', () => {
    // Friday 18:30 in New York, Saturday 08:30 in Tokyo.
    const instant = '2027-01-08T23:30:00Z';
    const newYork: WorkingCalendar = { zone: 'America/New_York', weekend: [6, 7], holidays: [] };
    const tokyo: WorkingCalendar = { zone: 'Asia/Tokyo', weekend: [6, 7], holidays: [] };

    it('tells the working day in the zone of the calendar', () => {
      expect(isWorkingDay(at(instant), newYork)).toBe(true);
      expect(isWorkingDay(at(instant), tokyo)).toBe(false);
    });

    it('gives different results for the same instant', () => {
      expect(add(instant, 'PT1H', newYork)).toBe('2027-01-09T00:30:00.000Z'); // Friday 19:30 in New York
      expect(add(instant, 'PT1H', tokyo)).toBe('2027-01-10T16:00:00.000Z'); // Monday 01:00 in Tokyo
      expect(add(instant, 'P1D', newYork)).toBe('2027-01-11T23:30:00.000Z'); // Monday 18:30 in New York
      expect(add(instant, 'P1D', tokyo)).toBe('2027-01-11T15:00:00.000Z'); // Tuesday 00:00 in Tokyo
    });
  });

  describe('daylight saving time in Brussels', () => {
    it('keeps the wall-clock time over the 23-hour day of spring (Sunday 2027-03-28)', () => {
      const result = addWorkingTime(at('2027-03-27T10:00+01:00'), 'P1D', EVERY_DAY);
      expect(result.toISOString()).toBe('2027-03-28T08:00:00.000Z'); // Sunday 10:00+02:00
      expect(result.getTime() - at('2027-03-27T10:00+01:00').getTime()).toBe(23 * HOUR);
    });

    it('runs 24 hours of time into Sunday 11:00 in spring', () => {
      expect(add('2027-03-27T10:00+01:00', 'PT24H', EVERY_DAY)).toBe('2027-03-28T09:00:00.000Z'); // Sunday 11:00+02:00
    });

    it('ends a 23-hour day at its own midnight', () => {
      expect(add('2027-03-28T00:00+01:00', 'PT23H', EVERY_DAY)).toBe('2027-03-28T22:00:00.000Z'); // Monday 00:00+02:00
    });

    it('keeps the wall-clock time over the 25-hour day of autumn (Sunday 2027-10-31)', () => {
      const result = addWorkingTime(at('2027-10-30T10:00+02:00'), 'P1D', EVERY_DAY);
      expect(result.toISOString()).toBe('2027-10-31T09:00:00.000Z'); // Sunday 10:00+01:00
      expect(result.getTime() - at('2027-10-30T10:00+02:00').getTime()).toBe(25 * HOUR);
      expect(add('2027-10-30T10:00+02:00', 'PT24H', EVERY_DAY)).toBe('2027-10-31T08:00:00.000Z'); // Sunday 09:00+01:00
      expect(add('2027-10-31T00:00+02:00', 'PT25H', EVERY_DAY)).toBe('2027-10-31T23:00:00.000Z'); // Monday 00:00+01:00
    });

    it('starts the day at 01:00 where DST begins at midnight (Santiago, Sunday 2026-09-06)', () => {
      const santiago: WorkingCalendar = { zone: 'America/Santiago', weekend: [], holidays: [] };
      expect(add('2026-09-05T22:00-04:00', 'PT4H', santiago)).toBe('2026-09-06T06:00:00.000Z'); // Sunday 03:00-03:00
      expect(workingMillisBetween(at('2026-09-05T00:00-04:00'), at('2026-09-07T00:00-03:00'), santiago)).toBe(47 * HOUR);
    });

    it('crosses the DST weekend when the weekend is not worked', () => {
      expect(add('2027-03-26T10:00+01:00', 'P1D')).toBe('2027-03-29T08:00:00.000Z'); // Monday 10:00+02:00
      expect(add('2027-03-26T22:00+01:00', 'PT4H')).toBe('2027-03-29T00:00:00.000Z'); // Monday 02:00+02:00
      expect(add('2027-10-29T10:00+02:00', 'P1D')).toBe('2027-11-01T09:00:00.000Z'); // Monday 10:00+01:00
    });
  });

  describe('errors', () => {
    it.each(['P1M', 'P1Y', 'P1W', 'xyz', '', 'P', '-PT1H', 'PT-1H', 'P1.5D', 'P-1D', 'PT1H-30M', 'P-1DT1H'])(
      'refuses the duration %j',
      (duration) => {
        expect(() => addWorkingTime(at('2027-01-08T10:00+01:00'), duration, BRUSSELS)).toThrow(
          new RegExp(`"${duration.replace('.', '\\.')}"`),
        );
      },
    );

    it('says why a duration is refused', () => {
      expect(() => add('2027-01-08T10:00+01:00', 'P1M')).toThrow(/years, months or weeks/);
      expect(() => add('2027-01-08T10:00+01:00', 'xyz')).toThrow(/not an ISO 8601 duration/);
      expect(() => add('2027-01-08T10:00+01:00', '-PT1H')).toThrow(/negative/);
    });

    it('refuses an unknown zone', () => {
      const mars = { ...BRUSSELS, zone: 'Mars/Base' };
      expect(() => add('2027-01-08T10:00+01:00', 'P1D', mars)).toThrow('unknown time zone "Mars/Base"');
      expect(() => isWorkingDay(at('2027-01-08T10:00+01:00'), mars)).toThrow(/Mars\/Base/);
      expect(() => workingMillisBetween(at('2027-01-08T10:00Z'), at('2027-01-09T10:00Z'), mars)).toThrow(/Mars\/Base/);
    });

    it('refuses a calendar without a working weekday', () => {
      const never = { ...BRUSSELS, weekend: [1, 2, 3, 4, 5, 6, 7] };
      expect(() => add('2027-01-08T10:00+01:00', 'PT1H', never)).toThrow('the calendar has no working day');
      expect(() => addWorkingMillis(at('2027-01-08T10:00+01:00'), 0, never)).toThrow('the calendar has no working day');
    });

    it('gives up when no working day comes within a year', () => {
      // Only Sundays are worked, and every Sunday of 2027 and 2028 is a holiday.
      const sundays = Array.from({ length: 105 }, (_, week) => DateTime.fromISO('2027-01-03').plus({ weeks: week }).toISODate() ?? '');
      const cal: WorkingCalendar = { zone: 'Europe/Brussels', weekend: [1, 2, 3, 4, 5, 6], holidays: sundays };
      expect(() => add('2027-01-08T10:00+01:00', 'PT1H', cal)).toThrow('no working day within 366 days after 2027-01-08 in the calendar');
    });

    it('refuses an invalid instant', () => {
      expect(() => addWorkingMillis(new Date(Number.NaN), 0, BRUSSELS)).toThrow('invalid instant: Invalid Date');
      expect(() => workingMillisBetween(new Date(Number.NaN), at('2027-01-08T10:00Z'), BRUSSELS)).toThrow(/invalid instant/);
    });

    it('refuses a negative or non-finite number of milliseconds', () => {
      expect(() => addWorkingMillis(at('2027-01-08T10:00Z'), -1, BRUSSELS)).toThrow(/non-negative/);
      expect(() => addWorkingMillis(at('2027-01-08T10:00Z'), Number.NaN, BRUSSELS)).toThrow(/non-negative/);
    });
  });
});

describe('workingMillisBetween', () => {
  it('leaves out the weekend', () => {
    expect(workingMillisBetween(at('2027-01-08T12:00+01:00'), at('2027-01-11T12:00+01:00'), BRUSSELS)).toBe(24 * HOUR);
  });

  it('is 0 for an empty or reversed range', () => {
    expect(workingMillisBetween(at('2027-01-08T12:00+01:00'), at('2027-01-08T12:00+01:00'), BRUSSELS)).toBe(0);
    expect(workingMillisBetween(at('2027-01-11T12:00+01:00'), at('2027-01-08T12:00+01:00'), BRUSSELS)).toBe(0);
  });

  it('is 0 for a range within the weekend', () => {
    expect(workingMillisBetween(at('2027-01-09T08:00+01:00'), at('2027-01-10T20:00+01:00'), BRUSSELS)).toBe(0);
  });

  it('leaves out a holiday inside the range', () => {
    const fridayOff = { ...BRUSSELS, holidays: ['2027-01-08'] };
    // Thursday 12:00 to Monday 12:00: half of Thursday and half of Monday.
    expect(workingMillisBetween(at('2027-01-07T12:00+01:00'), at('2027-01-11T12:00+01:00'), fridayOff)).toBe(24 * HOUR);
  });

  it('measures the real length of the days around a DST change', () => {
    expect(workingMillisBetween(at('2027-03-27T00:00+01:00'), at('2027-03-29T00:00+02:00'), EVERY_DAY)).toBe(47 * HOUR);
    expect(workingMillisBetween(at('2027-10-30T00:00+02:00'), at('2027-11-01T00:00+01:00'), EVERY_DAY)).toBe(49 * HOUR);
    expect(workingMillisBetween(at('2027-03-26T12:00+01:00'), at('2027-03-29T12:00+02:00'), BRUSSELS)).toBe(24 * HOUR);
  });
});

describe('addWorkingMillis', () => {
  it('follows the same rules as the time part of a duration', () => {
    expect(addWorkingMillis(at('2027-01-08T22:00+01:00'), 4 * HOUR, BRUSSELS).toISOString()).toBe(add('2027-01-08T22:00+01:00', 'PT4H'));
    expect(addWorkingMillis(at('2027-01-09T14:00+01:00'), 0, BRUSSELS).toISOString()).toBe('2027-01-10T23:00:00.000Z');
  });

  it('goes back to b from a by the working time between them', () => {
    const cal: WorkingCalendar = { zone: 'Europe/Brussels', weekend: [6, 7], holidays: ['2027-03-29', '2027-11-01'] };
    const pairs = [
      ['2027-01-08T12:00+01:00', '2027-01-11T12:00+01:00'],
      ['2027-01-09T12:00+01:00', '2027-01-12T00:00+01:00'],
      ['2027-03-25T18:30+01:00', '2027-03-30T09:15+02:00'],
      ['2027-10-28T07:00+02:00', '2027-11-03T16:45+01:00'],
    ] as const;
    for (const [a, b] of pairs) {
      expect(addWorkingMillis(at(a), workingMillisBetween(at(a), at(b), cal), cal).toISOString()).toBe(at(b).toISOString());
    }
  });

  it('goes back to any b on a working day, in zones with odd DST rules', () => {
    const zones = ['Europe/Brussels', 'America/New_York', 'Asia/Tokyo', 'Australia/Lord_Howe', 'America/Santiago'];
    const year = { min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) };
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.subarray([1, 2, 3, 4, 5, 6, 7], { maxLength: 6 }),
        fc.integer(year),
        fc.integer({ min: 0, max: 60 * 24 * HOUR }),
        (zone, weekend, a, length) => {
          const b = a + length;
          const cal: WorkingCalendar = { zone, weekend, holidays: ['2026-12-25', '2027-01-01', '2027-03-28', '2027-10-31'] };
          fc.pre(isWorkingDay(new Date(b), cal));
          expect(addWorkingMillis(new Date(a), workingMillisBetween(new Date(a), new Date(b), cal), cal).getTime()).toBe(b);
        },
      ),
    );
  });
});
