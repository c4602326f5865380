import fc from 'fast-check';
import { DateTime } from 'luxon';
import { placeInZone, Recurrence, RecurrenceError } from './recurrence';
import { RFC5545_EXAMPLES, RFC5545_SUB_DAILY } from './testing/rfc5545-examples';

const LIMITS = { maxPerYear: 366 };
const NY = 'America/New_York';

describe('Recurrence', () => {
  it.each(RFC5545_EXAMPLES.map((e) => [e.name, e] as const))('gives the RFC 5545 dates for %s', (_name, example) => {
    const starts = Recurrence.parse(
      { rrule: example.rrule, dtstart: example.dtstart, timezone: NY, exdates: example.exdates },
      LIMITS,
    ).next(example.dates.length + 5);
    const expected = example.dates.map((date) => DateTime.fromISO(`${date}T09:00`, { zone: NY }).toJSDate().toISOString());
    const got = starts.map((d) => d.toISOString());
    // Finite rules end exactly; open-ended ones are compared on the RFC's first dates.
    expect(got.slice(0, expected.length)).toEqual(expected);
    if (/COUNT|UNTIL/.test(example.rrule)) expect(got).toHaveLength(expected.length);
    for (const start of starts) expect(DateTime.fromJSDate(start, { zone: NY }).toFormat('HH:mm')).toBe('09:00');
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
    const offsets = new Set(brussels.map((d) => DateTime.fromJSDate(d, { zone: 'Europe/Brussels' }).toFormat('HH:mm ZZ')));
    expect(offsets).toEqual(new Set(['10:00 +01:00', '10:00 +02:00']));
  });

  it('reads a local time in the spring-forward gap with the offset before it, and a repeated one as the first', () => {
    // New York, 14 March 2027: 02:00 → 03:00. 7 November 2027: 02:00 → 01:00.
    expect(placeInZone(new Date(Date.UTC(2027, 2, 14, 2, 30)), NY).toISOString()).toBe('2027-03-14T07:30:00.000Z'); // 03:30 EDT
    expect(placeInZone(new Date(Date.UTC(2027, 10, 7, 1, 30)), NY).toISOString()).toBe('2027-11-07T05:30:00.000Z'); // 01:30 EDT, the first
    const starts = Recurrence.parse({ rrule: 'FREQ=DAILY;COUNT=3', dtstart: '2027-03-13T02:30', timezone: NY }, LIMITS).next(3);
    expect(starts.map((d) => DateTime.fromJSDate(d, { zone: NY }).toFormat('MM-dd HH:mm'))).toEqual([
      '03-13 02:30',
      '03-14 03:30',
      '03-15 02:30',
    ]);
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
          for (const start of starts) {
            const there = DateTime.fromJSDate(start, { zone });
            const wanted = there.set({ hour, minute });
            if (there.hour === hour && there.minute === minute) {
              // A repeated local time is the first of the two instants.
              expect(start.getTime()).toBeLessThanOrEqual(wanted.toMillis());
              continue;
            }
            // Only a spring-forward gap may move it, and then forward by the gap.
            const before = DateTime.fromMillis(start.getTime() - 6 * 3600_000, { zone });
            expect(there.offset).toBeGreaterThan(before.offset);
            expect((there.hour * 60 + there.minute - (hour * 60 + minute) + 1440) % 1440).toBe(there.offset - before.offset);
          }
          expect(new Set(starts.map((s) => s.getTime())).size).toBe(starts.length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
