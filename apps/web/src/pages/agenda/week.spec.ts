import { parseDate } from '@internationalized/date';
import { byDay, dayOf, weekFromParam, weekOf } from './week';

describe('the agenda week', () => {
  it('runs Monday to Sunday, bounded at midnight in the reader’s zone', () => {
    const week = weekOf(parseDate('2026-12-10'), 'Europe/Brussels');
    expect(week.start.toString()).toBe('2026-12-07');
    expect(week.days.map(String)).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
    expect(week.from).toBe('2026-12-06T23:00:00.000Z');
    expect(week.to).toBe('2026-12-13T23:00:00.000Z');
  });

  it('is 167 hours long across the spring-forward change', () => {
    const week = weekOf(parseDate('2027-03-28'), 'Europe/Brussels');
    expect(week.start.toString()).toBe('2027-03-22');
    expect((Date.parse(week.to) - Date.parse(week.from)) / 3_600_000).toBe(167);
  });

  it('takes any day of the week from the parameter, and this week for a malformed one', () => {
    expect(weekFromParam('2026-12-13', 'UTC').start.toString()).toBe('2026-12-07');
    const thisWeek = weekOf(dayOf(new Date().toISOString(), 'UTC'), 'UTC').start.toString();
    expect(weekFromParam('2026-02-31', 'UTC').start.toString()).toBe(thisWeek);
    expect(weekFromParam('next', 'UTC').start.toString()).toBe(thisWeek);
    expect(weekFromParam(null, 'UTC').start.toString()).toBe(thisWeek);
  });

  it('puts an exchange on the day it starts in the reader’s zone, not the host’s', () => {
    const week = weekOf(parseDate('2026-12-07'), 'America/New_York');
    // 02:00 UTC on Tuesday is Monday 21:00 in New York.
    const late = { id: 'a', startsAt: '2026-12-08T02:00:00Z' };
    const days = byDay(week, [late], 'America/New_York');
    expect(days.map((d) => d.items.map((i) => i.id))).toEqual([['a'], [], [], [], [], [], []]);
  });
});
