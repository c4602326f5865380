import { numbered, ruleInWords } from './rule-in-words';
import { DEFAULT_DRAFT, draftFromRrule, ordinalOf, toRrule, weekdayOf } from './rule-model';

const brussels = { dtstart: '2027-01-12T15:00', timezone: 'Europe/Brussels' };

describe('a series rule in words', () => {
  it('says every second Tuesday, its time and zone, and the hosts in turn', () => {
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', hostRotation: ['UN', 'NATO'] })).toBe(
      'every second Tuesday at 15:00, Brussels time; hosts alternate UN, NATO',
    );
  });

  it('names weekly rules with one or several days', () => {
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=WEEKLY;BYDAY=TU' })).toBe('every Tuesday at 15:00, Brussels time');
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=WEEKLY;BYDAY=MO,WE,FR' })).toBe(
      'every Monday, Wednesday and Friday at 15:00, Brussels time',
    );
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=WEEKLY;INTERVAL=3;BYDAY=TU,TH' })).toBe(
      'every third week on Tuesday and Thursday at 15:00, Brussels time',
    );
    // No BYDAY: the weekday of the start (12 January 2027 is a Tuesday).
    expect(ruleInWords({ ...brussels, rrule: 'RRULE:FREQ=WEEKLY' })).toBe('every Tuesday at 15:00, Brussels time');
  });

  it('names the nth weekday of the month, the last one, and days of the month', () => {
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=MONTHLY;BYDAY=2TU' })).toBe('the second Tuesday of every month at 15:00, Brussels time');
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR' })).toBe(
      'the last Friday of every second month at 15:00, Brussels time',
    );
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=MONTHLY;BYMONTHDAY=1,15' })).toBe(
      'the 1st and 15th of every month at 15:00, Brussels time',
    );
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=MONTHLY' })).toBe('the 12th of every month at 15:00, Brussels time');
  });

  it('says how it ends: a number of times, or a date', () => {
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6' })).toBe('every Tuesday at 15:00, Brussels time, 6 times');
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=1' })).toBe('every Tuesday at 15:00, Brussels time, once');
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=MONTHLY;BYDAY=1MO;UNTIL=20270630T235959', hostRotation: ['UN'] })).toBe(
      'the first Monday of every month at 15:00, Brussels time, until 30 June 2027; hosted by UN',
    );
  });

  it('names daily and yearly rules, other zones, and three hosts', () => {
    expect(ruleInWords({ rrule: 'FREQ=DAILY;INTERVAL=2', dtstart: '2027-03-01T09:30', timezone: 'America/New_York' })).toBe(
      'every second day at 09:30, New York time',
    );
    expect(ruleInWords({ rrule: 'FREQ=YEARLY', dtstart: '2027-03-01T09:30', timezone: 'UTC', hostRotation: ['UN', 'NATO', 'EU'] })).toBe(
      'every year on 1 March at 09:30, UTC; hosts take turns: UN, NATO, EU',
    );
  });

  it('names a rule it cannot put in words by its RRULE', () => {
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1' })).toBe(
      'by the rule FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1 at 15:00, Brussels time',
    );
  });

  it('numbers in English', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(numbered)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '31st',
    ]);
    expect(ruleInWords({ ...brussels, rrule: 'FREQ=WEEKLY;INTERVAL=14;BYDAY=TU' })).toBe('every 14th Tuesday at 15:00, Brussels time');
  });
});

describe('the rule builder’s RRULE', () => {
  it('writes weekly and monthly rules, with an end', () => {
    expect(toRrule({ ...DEFAULT_DRAFT, interval: 2, weekdays: ['TH', 'TU'] })).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH');
    expect(toRrule({ ...DEFAULT_DRAFT, frequency: 'monthly', ordinal: -1, monthWeekday: 'FR', end: { kind: 'count', count: 6 } })).toBe(
      'FREQ=MONTHLY;BYDAY=-1FR;COUNT=6',
    );
    expect(toRrule({ ...DEFAULT_DRAFT, end: { kind: 'until', date: '2027-06-30' } })).toBe('FREQ=WEEKLY;BYDAY=TU;UNTIL=20270630T235959');
  });

  it('reads back the rules it writes, and no other', () => {
    const drafts = [
      { ...DEFAULT_DRAFT, interval: 2, weekdays: ['TU' as const, 'TH' as const] },
      { ...DEFAULT_DRAFT, frequency: 'monthly' as const, interval: 3, ordinal: 4 as const, monthWeekday: 'WE' as const },
      { ...DEFAULT_DRAFT, end: { kind: 'until' as const, date: '2027-06-30' } },
      { ...DEFAULT_DRAFT, end: { kind: 'count' as const, count: 10 } },
    ];
    for (const draft of drafts) expect(draftFromRrule(toRrule(draft))).toEqual(draft);
    expect(draftFromRrule('FREQ=DAILY')).toBeUndefined();
    expect(draftFromRrule('FREQ=MONTHLY;BYDAY=MO,TU;BYSETPOS=1')).toBeUndefined();
  });

  it('knows the weekday and week of the month of a date', () => {
    expect(weekdayOf('2027-01-12')).toBe('TU');
    expect(weekdayOf('2027-01-17T10:00')).toBe('SU');
    expect(ordinalOf('2027-01-12')).toBe(2);
    expect(ordinalOf('2027-01-29')).toBe(-1);
  });
});
