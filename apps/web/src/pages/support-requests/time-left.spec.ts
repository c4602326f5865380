import { deadlineStanding, formatWorkingTime, nextOpenDeadline, spanOf, type Deadline } from './time-left';

const open: Deadline = {
  kind: 'acknowledge',
  dueAt: '2027-03-03T10:15:00+01:00',
  metAt: null,
  breached: false,
  paused: false,
  workingTimeLeft: 'P2D',
};

describe('working time left on a deadline, as the API says it', () => {
  it('reads an ISO 8601 duration of days and time, rounding the seconds up to the minute', () => {
    expect(spanOf('P1DT4H')).toEqual({ days: 1, hours: 4, minutes: 0 });
    expect(spanOf('PT45M')).toEqual({ days: 0, hours: 0, minutes: 45 });
    expect(spanOf('P1DT23H59M58S')).toEqual({ days: 2, hours: 0, minutes: 0 });
    expect(spanOf('PT24H30M')).toEqual({ days: 1, hours: 0, minutes: 30 });
    expect(spanOf('PT0S')).toEqual({ days: 0, hours: 0, minutes: 0 });
    for (const wrong of ['', 'P', 'PT', 'P1W', 'P1Y2D', '-PT3H', 'soon']) expect(spanOf(wrong)).toBeUndefined();
  });

  it('says it in its two largest units', () => {
    expect(formatWorkingTime('P2DT3H20M')).toBe('2 working days 3 hours');
    expect(formatWorkingTime('P1D')).toBe('1 working day');
    expect(formatWorkingTime('P1DT1H')).toBe('1 working day 1 hour');
    expect(formatWorkingTime('PT5H20M')).toBe('5 working hours 20 minutes');
    expect(formatWorkingTime('PT1H')).toBe('1 working hour');
    expect(formatWorkingTime('PT40M')).toBe('40 working minutes');
    expect(formatWorkingTime('PT1S')).toBe('1 working minute');
    expect(formatWorkingTime('PT0S')).toBeUndefined();
  });

  it('tells how a deadline stands', () => {
    expect(deadlineStanding({ ...open, workingTimeLeft: 'P2DT3H' })).toBe('due in 2 working days 3 hours');
    expect(deadlineStanding({ ...open, workingTimeLeft: 'P1DT23H59M58S' })).toBe('due in 2 working days');
    expect(deadlineStanding({ ...open, breached: true, workingTimeLeft: 'PT0S' })).toBe('overdue');
    // Not due yet, but no working time before it: due at 00:00 of Monday, read on Saturday.
    expect(deadlineStanding({ ...open, workingTimeLeft: 'PT0S' })).toBe('no working time left');
    expect(deadlineStanding({ ...open, paused: true, workingTimeLeft: null })).toBe('paused while waiting for the requester');
    expect(deadlineStanding({ ...open, metAt: '2027-03-02T09:00:00Z', workingTimeLeft: null })).toBe('met');
    expect(deadlineStanding({ ...open, metAt: '2027-03-04T09:00:00Z', breached: true, workingTimeLeft: null })).toBe('met late');
    expect(deadlineStanding({ ...open, workingTimeLeft: null })).toBe('no longer running');
    expect(deadlineStanding({ ...open, workingTimeLeft: 'P1W' })).toBe('due');
  });

  it('takes the soonest deadline not met', () => {
    const met = { ...open, kind: 'acknowledge', dueAt: '2027-03-01T00:00:00Z', metAt: '2027-03-01T00:00:00Z' };
    const decision = { ...open, kind: 'decision', dueAt: '2027-03-20T00:00:00Z' };
    expect(nextOpenDeadline([met, decision])).toBe(decision);
    expect(nextOpenDeadline([met])).toBeUndefined();
  });
});
