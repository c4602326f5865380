import { Duration } from 'luxon';
import { durationMillis, millisOf, POSITIVE_DURATION } from './duration';

describe('durations', () => {
  it('reads ISO 8601 durations and refuses malformed or empty ones', () => {
    expect(durationMillis('PT20S')).toBe(20_000);
    expect(durationMillis('P1D')).toBe(86_400_000);
    expect(durationMillis('P1DT1H')).toBe(90_000_000);
    expect(durationMillis('P2W')).toBe(14 * 86_400_000);
    for (const bad of ['P', 'PT', '20S', 'P1X', 'PT0S', 'P-1D', '', 'p1d']) {
      expect(durationMillis(bad)).toBeNull();
    }
  });

  it.each(['P7D', 'PT20S', 'P1Y2M3W4DT5H6M7.5S', 'P14D', 'PT1H', 'P2M', 'PT0.25S', 'P10Y12M10W', 'PT36H90M', 'PT90.125S'])(
    '%s reads as Luxon reads it',
    (iso) => {
      expect(durationMillis(iso)).toBe(Duration.fromISO(iso).as('milliseconds'));
    },
  );

  it.each(['', 'P', 'PT', '7D', 'P1H', 'PT-1S', 'P1DT', 'xP1D'])('%j is not a duration', (iso) => {
    expect(durationMillis(iso)).toBeNull();
    expect(() => millisOf(iso)).toThrow(/not an ISO 8601 duration/);
  });

  it('zero is no positive duration, but is 0 when validated', () => {
    expect(durationMillis('PT0S')).toBeNull();
    expect(millisOf('PT0S')).toBe(0);
    expect(millisOf('P0D')).toBe(0);
  });
});

describe('POSITIVE_DURATION, the pattern the API document gives for a duration', () => {
  it('takes exactly the shapes durationMillis reads, with a digit other than 0', () => {
    const samples = ['P7D', 'PT1H', 'P1Y2M3W4DT5H6M7.5S', 'PT0.5S', 'P10D', 'P', 'PT', 'P0D', 'PT0S', '7D', 'P1H', 'p7d', ' P7D'];
    expect(samples.filter((sample) => POSITIVE_DURATION.test(sample))).toEqual(['P7D', 'PT1H', 'P1Y2M3W4DT5H6M7.5S', 'PT0.5S', 'P10D']);
    expect(samples.filter((sample) => POSITIVE_DURATION.test(sample)).every((sample) => durationMillis(sample) !== null)).toBe(true);
  });
});
