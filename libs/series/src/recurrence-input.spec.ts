import { Recurrence, RecurrenceError, RecurrenceInput, RULE_REFUSALS } from './recurrence';

/**
 * What Recurrence.parse takes and what it refuses, each refusal with its field, its whole message and
 * its code: the API shows these to the person who wrote the rule, so the words are part of the contract.
 */
const LIMITS = { maxPerYear: 366 };
const WEEKLY: RecurrenceInput = { rrule: 'FREQ=WEEKLY', dtstart: '2027-01-05T10:00', timezone: 'Europe/Brussels' };

function refusal(input: Partial<RecurrenceInput>): { field: string; message: string; code: string } | null {
  try {
    Recurrence.parse({ ...WEEKLY, ...input }, LIMITS);
    return null;
  } catch (error) {
    if (!(error instanceof RecurrenceError)) throw error;
    return { field: error.field, message: error.message, code: error.code };
  }
}

const badRule = (field: string, message: string) => ({ field, message, code: RULE_REFUSALS.BadRule });
const outOfRange = (part: string) => badRule('rrule', `rrule: ${part}`);

describe('Recurrence.parse: the input it refuses, and why', () => {
  it.each([
    [{ timezone: 'Mars/Base' }, badRule('timezone', 'timezone: must be an IANA time zone such as Europe/Brussels')],
    [{ rrule: 'WEEKLY' }, badRule('rrule', 'rrule: not an RFC 5545 RRULE value such as FREQ=MONTHLY;BYDAY=2TU')],
    [
      { rrule: 'DTSTART:20270105T100000\nRRULE:FREQ=WEEKLY' },
      badRule('rrule', 'rrule: not an RFC 5545 RRULE value such as FREQ=MONTHLY;BYDAY=2TU'),
    ],
    [
      { rrule: 'FREQ=WEEKLY;DTSTART=20270105T100000' },
      badRule('rrule', 'rrule: not an RFC 5545 RRULE value such as FREQ=MONTHLY;BYDAY=2TU'),
    ],
    [{ rrule: 'INTERVAL=2' }, badRule('rrule', 'rrule: FREQ is required')],
    [
      { rrule: 'FREQ=HOURLY' },
      badRule('rrule', 'rrule: FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY; consultations do not recur within a day'),
    ],
    [{ dtstart: '1899-12-31T10:00' }, badRule('dtstart', 'dtstart: must be a local date-time such as 2027-03-09T10:00')],
    [{ dtstart: '10000-01-01T00:00' }, badRule('dtstart', 'dtstart: must be a local date-time such as 2027-03-09T10:00')],
    [{ dtstart: '2027-1-5T10:00' }, badRule('dtstart', 'dtstart: must be a local date-time such as 2027-03-09T10:00')],
    [{ dtstart: 'garbage' }, badRule('dtstart', 'dtstart: must be a local date-time such as 2027-03-09T10:00')],
    [{ exdates: ['2027-01-12T10:00', 'nope'] }, badRule('exdates', 'exdates: must be a local date-time such as 2027-03-09T10:00')],
    [
      { rrule: 'FREQ=WEEKLY;UNTIL=20270101T000000Z' },
      {
        field: 'rrule',
        message: 'rrule: this rule gives no occurrence before 2037-01-05 (10 years after dtstart, EXDATEs left out)',
        code: RULE_REFUSALS.NoOccurrence,
      },
    ],
  ])('refuses %j', (input, expected) => {
    expect(refusal(input)).toEqual(expected);
  });

  // Each rule part has its RFC 5545 range (rrule's parser takes any integer); the first value outside it is named.
  it.each([
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL=0 is out of range (1..1000)'],
    ['FREQ=DAILY;INTERVAL=1001', 'INTERVAL=1001 is out of range (1..1000)'],
    ['FREQ=DAILY;COUNT=0', 'COUNT=0 is out of range (1..100000)'],
    ['FREQ=DAILY;COUNT=100001', 'COUNT=100001 is out of range (1..100000)'],
    ['FREQ=DAILY;BYHOUR=24', 'BYHOUR=24 is out of range (0..23)'],
    ['FREQ=DAILY;BYHOUR=-1', 'BYHOUR=-1 is out of range (0..23)'],
    ['FREQ=DAILY;BYHOUR=10,24', 'BYHOUR=24 is out of range (0..23)'],
    ['FREQ=DAILY;BYHOUR=1.5', 'BYHOUR="1.5" is out of range (0..23)'],
    ['FREQ=DAILY;BYMINUTE=60', 'BYMINUTE=60 is out of range (0..59)'],
    ['FREQ=DAILY;BYSECOND=61', 'BYSECOND=61 is out of range (0..60)'],
    ['FREQ=YEARLY;BYMONTH=0', 'BYMONTH=0 is out of range (1..12)'],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH=13 is out of range (1..12)'],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY=0 is out of range (-31..31, not 0)'],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY=32 is out of range (-31..31, not 0)'],
    ['FREQ=MONTHLY;BYMONTHDAY=-32', 'BYMONTHDAY=-32 is out of range (-31..31, not 0)'],
    ['FREQ=YEARLY;BYYEARDAY=0', 'BYYEARDAY=0 is out of range (-366..366, not 0)'],
    ['FREQ=YEARLY;BYYEARDAY=367', 'BYYEARDAY=367 is out of range (-366..366, not 0)'],
    ['FREQ=YEARLY;BYYEARDAY=-367', 'BYYEARDAY=-367 is out of range (-366..366, not 0)'],
    ['FREQ=YEARLY;BYWEEKNO=0', 'BYWEEKNO=0 is out of range (-53..53, not 0)'],
    ['FREQ=YEARLY;BYWEEKNO=54', 'BYWEEKNO=54 is out of range (-53..53, not 0)'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0', 'BYSETPOS=0 is out of range (-366..366, not 0)'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367', 'BYSETPOS=367 is out of range (-366..366, not 0)'],
    ['FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-367', 'BYSETPOS=-367 is out of range (-366..366, not 0)'],
  ])('refuses %s: %s', (rrule, part) => {
    expect(refusal({ rrule })).toEqual(outOfRange(part));
  });

  it.each([
    'FREQ=DAILY;INTERVAL=1000',
    'FREQ=DAILY;COUNT=100000',
    'FREQ=YEARLY;BYHOUR=0,23',
    'FREQ=YEARLY;BYMINUTE=0,59',
    'FREQ=DAILY;BYSECOND=60',
    'FREQ=YEARLY;BYMONTH=1,12',
    'FREQ=MONTHLY;BYMONTHDAY=-31,31',
    'FREQ=YEARLY;BYYEARDAY=-366,366',
    'FREQ=YEARLY;BYWEEKNO=-53,53',
    'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=-1',
    ' RRULE:FREQ=WEEKLY ',
    'rrule:FREQ=WEEKLY',
  ])('takes %j, each part at the ends of its range', (rrule) => {
    expect(refusal({ rrule })).toBeNull();
  });
});

describe('Recurrence.parse: the times it takes', () => {
  const dtstartOf = (input: Partial<RecurrenceInput>) => Recurrence.parse({ ...WEEKLY, ...input }, LIMITS).dtstart.toISOString();

  // rrule keeps whole seconds; Brussels kept UTC until 1914.
  it('reads a local date-time in the zone, a date as its midnight, and an instant with its offset converted to the zone', () => {
    expect(
      [
        '2027-01-05T10:00',
        '2027-01-05T10:00:30',
        '2027-01-05T10:00:00.250',
        '2027-01-05',
        '2027-01-05T10:00Z',
        '2027-01-05T10:00+02:00',
        '2027-01-05T10:00+0200',
        '1900-01-02T10:00',
        '9999-12-28T10:00',
      ].map((dtstart) => dtstartOf({ dtstart })),
    ).toEqual([
      '2027-01-05T09:00:00.000Z',
      '2027-01-05T09:00:30.000Z',
      '2027-01-05T09:00:00.000Z',
      '2027-01-04T23:00:00.000Z',
      '2027-01-05T10:00:00.000Z',
      '2027-01-05T08:00:00.000Z',
      '2027-01-05T08:00:00.000Z',
      '1900-01-02T10:00:00.000Z',
      '9999-12-28T09:00:00.000Z',
    ]);
  });

  it('lists nothing when asked for no occurrence, and from an instant on, that instant included', () => {
    const rule = Recurrence.parse(WEEKLY, LIMITS);
    expect([rule.next(0), rule.next(-1)]).toEqual([[], []]);
    const second = new Date('2027-01-12T09:00:00.000Z');
    expect(rule.occurrences(2, second).map((o) => [o.start.toISOString(), o.index])).toEqual([
      ['2027-01-12T09:00:00.000Z', 1],
      ['2027-01-19T09:00:00.000Z', 2],
    ]);
    expect(rule.occurrences(1, new Date(second.getTime() + 1)).map((o) => [o.start.toISOString(), o.index])).toEqual([
      ['2027-01-19T09:00:00.000Z', 2],
    ]);
  });

  it('counts, without listing, the occurrences long before `from`, so their indexes stay right', () => {
    const rule = Recurrence.parse({ ...WEEKLY, rrule: 'FREQ=WEEKLY;COUNT=60' }, LIMITS);
    expect(rule.occurrences(2, new Date('2027-12-28T09:00:00.000Z')).map((o) => [o.start.toISOString(), o.index])).toEqual([
      ['2027-12-28T09:00:00.000Z', 51],
      ['2028-01-04T09:00:00.000Z', 52],
    ]);
    // COUNT ends the series: past its last occurrence there is none.
    expect(rule.next(1, new Date('2028-02-22T09:00:00.001Z'))).toEqual([]);
  });
});

describe('Recurrence.parse: UNTIL and the yearly limit', () => {
  const starts = (rrule: string) =>
    Recurrence.parse({ ...WEEKLY, rrule }, LIMITS)
      .next(10)
      .map((d) => d.toISOString());

  it('reads a floating UNTIL as a wall-clock time in the zone, and a UTC one as an instant', () => {
    // The 19th's occurrence is at 10:00 in Brussels, 09:00Z: after a floating 09:30, before a UTC 09:30.
    expect(starts('FREQ=WEEKLY;UNTIL=20270119T093000')).toEqual(['2027-01-05T09:00:00.000Z', '2027-01-12T09:00:00.000Z']);
    expect(starts('FREQ=WEEKLY;UNTIL=20270119T093000Z')).toEqual([
      '2027-01-05T09:00:00.000Z',
      '2027-01-12T09:00:00.000Z',
      '2027-01-19T09:00:00.000Z',
    ]);
  });

  it('counts an occurrence at UNTIL itself against the yearly limit, and names the limit', () => {
    const daily = (until: string) => ({ ...WEEKLY, rrule: `FREQ=DAILY;UNTIL=${until}` });
    // Four occurrences, the fourth at UNTIL: over a limit of three; three are not.
    expect(() => Recurrence.parse(daily('20270108T090000Z'), { maxPerYear: 3 })).toThrow(
      new RecurrenceError('rrule', 'rrule: more than 3 occurrences a year; consultations recur at most that often'),
    );
    expect(Recurrence.parse(daily('20270107T090000Z'), { maxPerYear: 3 }).next(5).length).toBe(3);
  });
});
