import { deferForQuietHours, quietWindowAt } from './quiet-hours';

const at = (iso: string) => new Date(iso);
const paris = (start: string, end: string) => ({ start, end, zone: 'Europe/Paris' });
const newYork = (start: string, end: string) => ({ start, end, zone: 'America/New_York' });

describe('deferForQuietHours', () => {
  describe('quiet hours that span midnight (22:00–07:00, Paris in winter, UTC+1)', () => {
    const quiet = paris('22:00', '07:00');

    it('defers a reminder due in the evening to 07:00 the next morning', () => {
      expect(deferForQuietHours(at('2026-01-15T22:30:00Z'), quiet).toISOString()).toBe('2026-01-16T06:00:00.000Z');
    });

    it('defers a reminder due after midnight to 07:00 that morning', () => {
      expect(deferForQuietHours(at('2026-01-16T02:00:00Z'), quiet).toISOString()).toBe('2026-01-16T06:00:00.000Z');
    });

    it('leaves a reminder due in the day alone', () => {
      expect(deferForQuietHours(at('2026-01-16T11:00:00Z'), quiet).toISOString()).toBe('2026-01-16T11:00:00.000Z');
    });

    it('takes the start as quiet and the end as not: [start, end)', () => {
      expect(deferForQuietHours(at('2026-01-15T21:00:00Z'), quiet).toISOString()).toBe('2026-01-16T06:00:00.000Z');
      expect(deferForQuietHours(at('2026-01-15T20:59:59Z'), quiet).toISOString()).toBe('2026-01-15T20:59:59.000Z');
      expect(deferForQuietHours(at('2026-01-16T06:00:00Z'), quiet).toISOString()).toBe('2026-01-16T06:00:00.000Z');
      expect(deferForQuietHours(at('2026-01-16T05:59:59Z'), quiet).toISOString()).toBe('2026-01-16T06:00:00.000Z');
    });
  });

  it('reads quiet hours within one day (12:00–14:00)', () => {
    const quiet = paris('12:00', '14:00');
    expect(deferForQuietHours(at('2026-01-16T11:30:00Z'), quiet).toISOString()).toBe('2026-01-16T13:00:00.000Z');
    expect(deferForQuietHours(at('2026-01-16T13:00:00Z'), quiet).toISOString()).toBe('2026-01-16T13:00:00.000Z');
    expect(deferForQuietHours(at('2026-01-16T22:00:00Z'), quiet).toISOString()).toBe('2026-01-16T22:00:00.000Z');
  });

  it('defers nothing without quiet hours, or when start and end are the same', () => {
    const due = at('2026-01-16T02:00:00Z');
    expect(deferForQuietHours(due, null)).toBe(due);
    expect(deferForQuietHours(due, paris('03:00', '03:00'))).toBe(due);
  });

  describe('clocks going forward (Paris, 2026-03-29: 02:00 CET becomes 03:00 CEST)', () => {
    it('ends the night at 07:00 summer time, an hour of UTC earlier than the night before', () => {
      const quiet = paris('22:00', '07:00');
      expect(deferForQuietHours(at('2026-03-28T22:00:00Z'), quiet).toISOString()).toBe('2026-03-29T05:00:00.000Z');
      expect(deferForQuietHours(at('2026-03-29T02:00:00Z'), quiet).toISOString()).toBe('2026-03-29T05:00:00.000Z');
      expect(deferForQuietHours(at('2026-03-27T22:00:00Z'), quiet).toISOString()).toBe('2026-03-28T06:00:00.000Z');
    });

    it('ends quiet hours whose end was skipped (02:30) at the change, 03:00 summer time', () => {
      const quiet = paris('22:00', '02:30');
      expect(deferForQuietHours(at('2026-03-29T00:30:00Z'), quiet).toISOString()).toBe('2026-03-29T01:00:00.000Z');
      expect(deferForQuietHours(at('2026-03-29T01:10:00Z'), quiet).toISOString()).toBe('2026-03-29T01:10:00.000Z');
    });

    it('begins quiet hours whose start was skipped (02:30) at the change, 03:00 summer time', () => {
      const quiet = paris('02:30', '06:00');
      expect(quietWindowAt(at('2026-03-29T01:00:00Z'), quiet)).toEqual({
        begins: at('2026-03-29T01:00:00Z'),
        ends: at('2026-03-29T04:00:00Z'),
      });
      expect(deferForQuietHours(at('2026-03-29T00:59:00Z'), quiet).toISOString()).toBe('2026-03-29T00:59:00.000Z');
    });
  });

  describe('clocks going back (Paris, 2026-10-25: 03:00 CEST becomes 02:00 CET)', () => {
    it('ends the night at 07:00 winter time, an hour of UTC later than the night before', () => {
      const quiet = paris('22:00', '07:00');
      expect(deferForQuietHours(at('2026-10-24T21:00:00Z'), quiet).toISOString()).toBe('2026-10-25T06:00:00.000Z');
      expect(deferForQuietHours(at('2026-10-23T21:00:00Z'), quiet).toISOString()).toBe('2026-10-24T05:00:00.000Z');
    });

    it('ends quiet hours at the first time the clock reads their end (02:30 summer time); the repeated half-hour is not quiet', () => {
      const quiet = paris('22:00', '02:30');
      expect(deferForQuietHours(at('2026-10-25T00:15:00Z'), quiet).toISOString()).toBe('2026-10-25T00:30:00.000Z');
      expect(deferForQuietHours(at('2026-10-25T01:15:00Z'), quiet).toISOString()).toBe('2026-10-25T01:15:00.000Z');
    });

    it('begins quiet hours at the first time the clock reads their start (02:30 summer time)', () => {
      const quiet = paris('02:30', '06:00');
      expect(quietWindowAt(at('2026-10-25T01:45:00Z'), quiet)).toEqual({
        begins: at('2026-10-25T00:30:00Z'),
        ends: at('2026-10-25T05:00:00Z'),
      });
    });
  });

  describe('America/New_York', () => {
    const quiet = newYork('23:00', '06:00');

    it('ends the night of 2026-03-08 (clocks forward at 02:00) at 06:00 EDT', () => {
      expect(deferForQuietHours(at('2026-03-08T05:30:00Z'), quiet).toISOString()).toBe('2026-03-08T10:00:00.000Z');
    });

    it('ends the night of 2026-11-01 (clocks back at 02:00) at 06:00 EST', () => {
      expect(deferForQuietHours(at('2026-11-01T05:30:00Z'), quiet).toISOString()).toBe('2026-11-01T11:00:00.000Z');
    });

    it('keeps quiet hours inside the repeated hour (01:30–01:45) to its first pass', () => {
      const short = newYork('01:30', '01:45');
      expect(deferForQuietHours(at('2026-11-01T05:35:00Z'), short).toISOString()).toBe('2026-11-01T05:45:00.000Z');
      expect(deferForQuietHours(at('2026-11-01T06:35:00Z'), short).toISOString()).toBe('2026-11-01T06:35:00.000Z');
    });
  });

  describe('when the end of the quiet hours is after the start of what it reminds of', () => {
    const quiet = paris('22:00', '07:00');
    const due = at('2026-01-15T22:30:00Z');

    it('sends the minute before the quiet hours began (21:59), while that is still ahead', () => {
      const startsAt = at('2026-01-16T05:30:00Z');
      expect(deferForQuietHours(due, quiet, startsAt, at('2026-01-15T12:00:00Z')).toISOString()).toBe('2026-01-15T20:59:00.000Z');
    });

    it('sends at once when that minute has passed', () => {
      const now = at('2026-01-15T22:30:00Z');
      expect(deferForQuietHours(due, quiet, at('2026-01-16T05:30:00Z'), now)).toEqual(now);
    });

    it('still sends at the end when the thing starts at that end or later', () => {
      expect(deferForQuietHours(due, quiet, at('2026-01-16T06:00:00Z')).toISOString()).toBe('2026-01-16T06:00:00.000Z');
      expect(deferForQuietHours(due, quiet, at('2026-01-16T09:00:00Z')).toISOString()).toBe('2026-01-16T06:00:00.000Z');
    });

    it('has no effect outside the quiet hours', () => {
      const day = at('2026-01-16T10:00:00Z');
      expect(deferForQuietHours(day, quiet, at('2026-01-16T10:30:00Z'))).toBe(day);
    });
  });
});
