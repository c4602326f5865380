import { filtersOf } from './filters';

describe('the exchanges list’s filters', () => {
  it('passes the chosen values as the URL gives them, leaving out the rest', () => {
    expect(filtersOf(new URLSearchParams('status=confirmed&level=senior&view=week'), 'UTC')).toEqual({
      status: 'confirmed',
      level: 'senior',
    });
    expect(filtersOf(new URLSearchParams('organization=NATO&area=POC&status='), 'UTC')).toEqual({ organization: 'NATO', area: 'POC' });
  });

  it('reads From and To as days of the reader’s zone, both included', () => {
    expect(filtersOf(new URLSearchParams('from=2026-12-07&to=2026-12-13'), 'Europe/Brussels')).toEqual({
      from: '2026-12-06T23:00:00.000Z',
      to: '2026-12-13T23:00:00.000Z',
    });
  });

  it('leaves out a malformed or impossible day', () => {
    expect(filtersOf(new URLSearchParams('from=2026-02-31&to=tomorrow'), 'UTC')).toEqual({});
  });
});
