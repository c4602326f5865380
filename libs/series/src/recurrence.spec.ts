import fc from 'fast-check';
import { propertyRuns } from '../../../test/support/property-runs';
import { Options, RRule } from 'rrule';
import {
  placeInZone,
  Recurrence,
  RECURRENCE_HORIZON_YEARS,
  RecurrenceError,
  RULE_REFUSALS,
  SteppedRRule,
  walkingOptions,
} from './recurrence';
import { RFC5545_EXAMPLES, RFC5545_SUB_DAILY } from '../../../test/fixtures/rfc5545-examples';
import { isoWall, placeByRfc, wallAt, wallMs } from '../../../test/support/dst';

const LIMITS = { maxPerYear: 366 };
const NY = 'America/New_York';

/**
 * Expected instants never come from the code under test nor from Luxon, which it uses: they are
 * literals, or placed by test/support/dst.ts with Intl's offsets and RFC 5545's DST rule.
 */
const placed = (zone: string, local: string): string => {
  const [year, month, day, hour, minute] = local.split(/[-T:]/).map(Number);
  return new Date(placeByRfc(zone, { year, month, day, hour, minute })).toISOString();
};
/** `YYYY-MM-DDTHH:mm` on the zone's clock at `d`, by Intl. */
const shown = (d: Date, zone = NY): string => isoWall(wallMs(wallAt(zone, d.getTime())));

describe('Recurrence', () => {
  it.each(RFC5545_EXAMPLES.map((e) => [e.name, e] as const))('gives the RFC 5545 dates for %s', (_name, example) => {
    const starts = Recurrence.parse(
      { rrule: example.rrule, dtstart: example.dtstart, timezone: NY, exdates: example.exdates },
      LIMITS,
    ).next(example.dates.length + 5);
    const expected = example.dates.map((date) => placed(NY, `${date}T09:00`));
    const got = starts.map((d) => d.toISOString());
    // Finite rules end exactly; open-ended ones are compared on the RFC's first dates.
    expect(got.slice(0, expected.length)).toEqual(expected);
    if (/COUNT|UNTIL/.test(example.rrule)) expect(got).toHaveLength(expected.length);
    for (const start of starts) expect(shown(start).slice(11)).toBe('09:00');
  });

  it.each(RFC5545_SUB_DAILY)('refuses the sub-daily rule %s, saying why', (rrule) => {
    expect(() => Recurrence.parse({ rrule, dtstart: '1997-09-02T09:00', timezone: NY }, LIMITS)).toThrow(
      /FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY/,
    );
  });

  it('refuses a rule with more occurrences a year than the limit', () => {
    expect(() => Recurrence.parse({ rrule: 'FREQ=DAILY', dtstart: '2027-01-05T10:00', timezone: NY }, { maxPerYear: 365 })).not.toThrow();
    expect(() => Recurrence.parse({ rrule: 'FREQ=DAILY', dtstart: '2027-01-05T10:00', timezone: NY }, { maxPerYear: 364 })).toThrow(
      /more than 364/,
    );
    expect(() => Recurrence.parse({ rrule: 'FREQ=WEEKLY', dtstart: '2027-01-05T10:00', timezone: NY }, { maxPerYear: 24 })).toThrow(
      /more than 24 occurrences a year/,
    );
    expect(() =>
      Recurrence.parse({ rrule: 'FREQ=MONTHLY;BYDAY=2TU', dtstart: '2027-01-12T10:00', timezone: NY }, { maxPerYear: 24 }),
    ).not.toThrow();
  });

  it.each([
    ['rrule', { rrule: 'EVERY MONDAY' }],
    ['rrule', { rrule: 'COUNT=3' }],
    ['dtstart', { dtstart: 'tomorrow' }],
    ['timezone', { timezone: 'Mars/Base' }],
    ['exdates', { exdates: ['soon'] }],
  ])('names %s when it is malformed', (field, change) => {
    let error: unknown;
    try {
      Recurrence.parse({ rrule: 'FREQ=MONTHLY', dtstart: '2027-01-12T10:00', timezone: NY, ...change }, LIMITS);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RecurrenceError);
    expect((error as RecurrenceError).field).toBe(field);
  });

  it('keeps the local time across daylight-saving changes in its own zone', () => {
    const brussels = Recurrence.parse(
      { rrule: 'FREQ=MONTHLY;BYDAY=2TU;COUNT=12', dtstart: '2027-01-12T10:00', timezone: 'Europe/Brussels' },
      LIMITS,
    ).next(12);
    // The second Tuesdays of 2027 at 10:00; Brussels is at +02:00 from 28 March to 31 October.
    expect(brussels.map((d) => d.toISOString())).toEqual([
      '2027-01-12T09:00:00.000Z',
      '2027-02-09T09:00:00.000Z',
      '2027-03-09T09:00:00.000Z',
      '2027-04-13T08:00:00.000Z',
      '2027-05-11T08:00:00.000Z',
      '2027-06-08T08:00:00.000Z',
      '2027-07-13T08:00:00.000Z',
      '2027-08-10T08:00:00.000Z',
      '2027-09-14T08:00:00.000Z',
      '2027-10-12T08:00:00.000Z',
      '2027-11-09T09:00:00.000Z',
      '2027-12-14T09:00:00.000Z',
    ]);
  });

  it('holds the starts to a UTC UNTIL by their instants, where a DST change moves them off their wall clock', () => {
    const starts = (rrule: string, dtstart: string) => Recurrence.parse({ rrule, dtstart, timezone: NY }, LIMITS).next(10);
    // 14 March 2027: 02:30 does not exist and is 03:30 EDT (07:30Z), one second after this UNTIL.
    expect(starts('FREQ=DAILY;UNTIL=20270314T072959Z', '2027-03-12T02:30').map((d) => d.toISOString())).toEqual([
      '2027-03-12T07:30:00.000Z',
      '2027-03-13T07:30:00.000Z',
    ]);
    expect(starts('FREQ=DAILY;UNTIL=20270314T073000Z', '2027-03-12T02:30')).toHaveLength(3);
    // 7 November 2027: 01:30 is the first, 01:30 EDT (05:30Z); this UNTIL is 01:10 EST, after it.
    expect(starts('FREQ=DAILY;UNTIL=20271107T061000Z', '2027-11-05T01:30').map((d) => d.toISOString())).toEqual([
      '2027-11-05T05:30:00.000Z',
      '2027-11-06T05:30:00.000Z',
      '2027-11-07T05:30:00.000Z',
    ]);
    // The yearly limit counts the same occurrences: two a day until 14 March 02:30, which is after UNTIL.
    const twice = 'FREQ=DAILY;BYHOUR=2,14;BYMINUTE=30;UNTIL=20270314T072959Z';
    expect(() => Recurrence.parse({ rrule: twice, dtstart: '2027-03-13T02:30', timezone: NY }, { maxPerYear: 2 })).not.toThrow();
    expect(() => Recurrence.parse({ rrule: twice, dtstart: '2027-03-13T02:30', timezone: NY }, { maxPerYear: 1 })).toThrow(/more than 1/);
  });

  it('reads a local time in the spring-forward gap with the offset before it, and a repeated one as the first', () => {
    // New York, 14 March 2027: 02:00 → 03:00. 7 November 2027: 02:00 → 01:00.
    expect(placeInZone(new Date(Date.UTC(2027, 2, 14, 2, 30)), NY).toISOString()).toBe('2027-03-14T07:30:00.000Z'); // 03:30 EDT
    expect(placeInZone(new Date(Date.UTC(2027, 10, 7, 1, 30)), NY).toISOString()).toBe('2027-11-07T05:30:00.000Z'); // 01:30 EDT, the first
    const starts = Recurrence.parse({ rrule: 'FREQ=DAILY;COUNT=3', dtstart: '2027-03-13T02:30', timezone: NY }, LIMITS).next(3);
    expect(starts.map((d) => d.toISOString())).toEqual([
      '2027-03-13T07:30:00.000Z', // 02:30 EST
      '2027-03-14T07:30:00.000Z', // 03:30 EDT
      '2027-03-15T06:30:00.000Z', // 02:30 EDT
    ]);
  });

  describe('bounds (issue 17: no rule stalls the API)', () => {
    const refusal = (rrule: string, dtstart: string, exdates?: string[]) => {
      try {
        Recurrence.parse({ rrule, dtstart, timezone: NY, exdates }, LIMITS);
      } catch (error) {
        return error as RecurrenceError;
      }
      throw new Error(`${rrule} from ${dtstart} was accepted`);
    };

    it.each([
      ['FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31'],
      ['FREQ=WEEKLY;BYMONTH=4;BYMONTHDAY=31'],
      ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=30'],
      ['FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=31'],
      ['FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=3;BYSETPOS=3'],
    ])('refuses %s, which never gives an occurrence, naming the horizon', (rrule) => {
      const error = refusal(rrule, '2027-01-12T10:00');
      expect(error.code).toBe(RULE_REFUSALS.NoOccurrence);
      expect(error.field).toBe('rrule');
      expect(error.message).toMatch(/^rrule: this rule gives no occurrence before 2037-01-12/);
    });

    it(`looks exactly ${RECURRENCE_HORIZON_YEARS} years past dtstart for the first occurrence`, () => {
      // 29 February on a Monday: 2016, then 2044.
      const leapMonday = 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO';
      const found = Recurrence.parse({ rrule: leapMonday, dtstart: '2034-03-01T10:00', timezone: NY }, LIMITS).next(5);
      expect(found.map((d) => shown(d).slice(0, 10))).toEqual(['2044-02-29']);
      expect(refusal(leapMonday, '2034-02-28T10:00').message).toMatch(/no occurrence before 2044-02-28/);
      // The same day walked month by month, and day by day (BYSETPOS keeps a rule on its own periods).
      for (const rrule of ['FREQ=MONTHLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO', `${leapMonday};BYSETPOS=1`]) {
        const starts = Recurrence.parse({ rrule, dtstart: '2034-03-01T10:00', timezone: NY }, LIMITS).next(5);
        expect(starts.map((d) => shown(d).slice(0, 10))).toEqual(['2044-02-29']);
        expect(refusal(rrule, '2034-02-28T10:00').code).toBe(RULE_REFUSALS.NoOccurrence);
      }
    });

    it('refuses a rule whose every occurrence in the horizon is an EXDATE', () => {
      const error = refusal('FREQ=MONTHLY;COUNT=2', '2027-01-12T10:00', ['2027-01-12T10:00', '2027-02-12T10:00']);
      expect(error.code).toBe(RULE_REFUSALS.NoOccurrence);
    });

    it('counts no further than one past the yearly limit (a start every second is 31 million a year)', () => {
      const range = (n: number) => Array.from({ length: n }, (_, i) => i).join(',');
      const everySecond = `FREQ=DAILY;BYHOUR=${range(24)};BYMINUTE=${range(60)};BYSECOND=${range(60)}`;
      expect(refusal(everySecond, '2027-01-12T10:00').message).toMatch(/more than 366 occurrences a year/);
    });

    it('walks a daily or weekly rule a year at a time, with the same occurrences (property)', () => {
      const parts = fc.record(
        {
          bymonth: fc.constantFrom('2', '4,6', '2,9,11', '12'),
          bymonthday: fc.constantFrom('1', '29', '30,31', '-1', '13', '1,15,-2'),
          byday: fc.constantFrom('MO', 'TU,TH', 'FR', '2TU', 'SA,SU', '-1FR'),
          byyearday: fc.constantFrom('1', '60', '100,200,300', '-1', '366'),
          byhour: fc.constantFrom('9', '9,15'),
          count: fc.integer({ min: 1, max: 40 }),
          until: fc.constantFrom('20300101T000000', '20451231T235959'),
        },
        { requiredKeys: [] },
      );
      fc.assert(
        fc.property(
          fc.constantFrom('DAILY', 'WEEKLY'),
          parts,
          fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
          (freq, p, day) => {
            const text = [`FREQ=${freq}`, ...Object.entries(p).map(([k, v]) => `${k.toUpperCase()}=${String(v)}`)].join(';');
            const options = {
              ...RRule.parseString(text),
              dtstart: new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 10)),
            };
            const first = (options: Partial<Options>) => {
              const dates: string[] = [];
              // Each walk covers at least 25 years (a yearly one a little more): compared over the first 24.
              const end = options.dtstart!.getTime() + 24 * 365 * 86_400_000;
              new SteppedRRule(options).walk(25 * 366 * 86_400_000, (date) => date.getTime() < end && dates.push(date.toISOString()) < 30);
              return dates;
            };
            const walked = walkingOptions(options);
            expect(walked.freq).toBe(RRule.YEARLY);
            expect(first(walked)).toEqual(first(options));
          },
        ),
        { numRuns: propertyRuns(500) },
      );
      // A rule with BYWEEKNO keeps its own frequency.
      expect(walkingOptions(RRule.parseString('FREQ=WEEKLY;BYWEEKNO=53')).freq).toBe(RRule.WEEKLY);
    });

    it(`lists occurrences no further than ${RECURRENCE_HORIZON_YEARS} years past where it starts`, () => {
      const yearly = Recurrence.parse({ rrule: 'FREQ=YEARLY', dtstart: '2027-01-12T10:00', timezone: NY }, LIMITS);
      // 12 January 2027 to 12 January 2037, both in.
      expect(yearly.next(400).map((d) => d.toISOString())).toEqual(Array.from({ length: 11 }, (_, i) => `${2027 + i}-01-12T15:00:00.000Z`));
      // From 31 May 2050 20:00 in New York: 12 January 2051 (the 25th occurrence) to 12 January 2060.
      const later = yearly.occurrences(400, new Date('2050-06-01T00:00:00Z'));
      expect(later.map((o) => [o.start.toISOString(), o.index])).toEqual(
        Array.from({ length: 10 }, (_, i) => [`${2051 + i}-01-12T15:00:00.000Z`, 24 + i]),
      );
    });
  });

  const zones = [
    'Europe/Brussels',
    'America/New_York',
    'Asia/Kolkata',
    'Australia/Sydney',
    'America/Sao_Paulo',
    'Africa/Nairobi',
    'Pacific/Auckland',
  ];
  const rules = fc
    .record({
      freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
      interval: fc.integer({ min: 1, max: 4 }),
      byday: fc.option(fc.constantFrom('MO', 'TU,TH', '2TU', '-1FR', '1MO,3MO'), { nil: undefined }),
      count: fc.integer({ min: 1, max: 30 }),
    })
    .map((r) => {
      const byday = r.byday && (r.freq === 'MONTHLY' || r.freq === 'YEARLY' || !/\d/.test(r.byday)) ? `;BYDAY=${r.byday}` : '';
      return `FREQ=${r.freq};INTERVAL=${r.interval};COUNT=${r.count}${byday}`;
    });

  it('places every occurrence at the local start time in its zone, or by the DST rule (property)', () => {
    fc.assert(
      fc.property(
        rules,
        fc.constantFrom(...zones),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 15, 30, 45),
        (rrule, zone, day, hour, minute) => {
          const local = `${day.toISOString().slice(0, 10)}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          const starts = Recurrence.parse({ rrule, dtstart: local, timezone: zone }, LIMITS).next(40);
          const time = local.slice(10);
          for (const [i, start] of starts.entries()) {
            // The instant the oracle gives for the start time on that date (the first of two; after a gap, moved by it).
            expect(start.toISOString()).toBe(placed(zone, shown(start, zone).slice(0, 10) + time));
            if (i > 0) expect(start.getTime()).toBeGreaterThan(starts[i - 1].getTime());
          }
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
