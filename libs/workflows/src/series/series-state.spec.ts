import { SERIES_STATUSES, SeriesStatus, WorkflowRejection } from '@liaison/domain';
import { SeriesState } from './series-state';

/** The rejection a check throws, as type and message; null when it passes. */
const refusal = (check: () => void) => {
  try {
    check();
  } catch (error) {
    return error instanceof WorkflowRejection ? { type: error.type, message: error.message } : error;
  }
  return null;
};

describe('SeriesState', () => {
  /** Every row of the table: the Update, the states it is taken from, where it leads. */
  const TABLE: Record<'pause' | 'resume', { from: SeriesStatus; to: SeriesStatus; refusal: string }> = {
    pause: { from: 'active', to: 'paused', refusal: 'SERIES.NOT_ACTIVE' },
    resume: { from: 'paused', to: 'active', refusal: 'SERIES.NOT_PAUSED' },
  };

  for (const [change, row] of Object.entries(TABLE) as Array<['pause' | 'resume', (typeof TABLE)['pause']]>) {
    for (const status of SERIES_STATUSES) {
      it(`${change} from ${status}: ${status === row.from ? `leads to ${row.to}` : `refused with ${row.refusal}`}`, () => {
        const series = new SeriesState(status);
        if (status === row.from) {
          expect(refusal(() => series.requireChange(change))).toBeNull();
          expect(series.statusAfter(change)).toBe(row.to);
        } else {
          expect(refusal(() => series.requireChange(change))).toEqual({ type: row.refusal, message: `the series is ${status}` });
        }
      });
    }
  }

  it('end and amend are taken from every state but ended, and refused with SERIES.ENDED once it has', () => {
    expect(refusal(() => new SeriesState('active').requireNotEnded())).toBeNull();
    expect(refusal(() => new SeriesState('paused').requireNotEnded())).toBeNull();
    expect(refusal(() => new SeriesState('ended').requireNotEnded())).toEqual({ type: 'SERIES.ENDED', message: 'the series has ended' });
  });

  it('answers its state as one object: status and amendments counted', () => {
    const series = new SeriesState('active');
    const answered = series.current;
    expect([series.status, series.amendments]).toEqual(['active', 0]);
    series.setStatus('paused');
    series.amended();
    series.amended();
    expect(answered).toEqual({ status: 'paused', amendments: 2 });
    expect([series.status, series.amendments]).toEqual(['paused', 2]);
    expect(series.ended).toBe(false);
    series.setStatus('ended');
    expect(series.ended).toBe(true);
  });

  it('is not making occurrences when it starts, so an amendment need not wait', () => {
    expect(new SeriesState('active').materialising).toBe(false);
  });

  it('continues as new when the SDK suggests it or the history reaches its limit', () => {
    expect(SeriesState.needsNewRun({ continueAsNewSuggested: false, historyLength: 1999 }, 2000)).toBe(false);
    expect(SeriesState.needsNewRun({ continueAsNewSuggested: false, historyLength: 2000 }, 2000)).toBe(true);
    expect(SeriesState.needsNewRun({ continueAsNewSuggested: true, historyLength: 10 }, 2000)).toBe(true);
  });

  it('sleeps until the next occurrence is due, never less than a second', () => {
    const now = Date.parse('2026-05-04T09:00:00Z');
    expect(SeriesState.sleepUntil('2026-05-04T10:00:00Z', now)).toBe(3_600_000);
    expect(SeriesState.sleepUntil('2026-05-04T09:00:00.200Z', now)).toBe(1000);
    expect(SeriesState.sleepUntil('2026-05-04T08:00:00Z', now)).toBe(1000);
  });
});
