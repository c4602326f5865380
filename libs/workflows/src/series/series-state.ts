import {
  SERIES_STATUS_CHANGES,
  SeriesRejection,
  SeriesStatus,
  SeriesStatusChange,
  SeriesWorkflowState,
  WorkflowRejection,
} from '@liaison/domain';

/** Never sooner than this between two looks at a series' occurrences. */
const MIN_WAKE_MS = 1000;

/**
 * A series as its workflow holds it: the status, the amendments applied, and whether occurrences
 * are being made. Pure: the workflow function does the activities, timers and search attributes.
 */
export class SeriesState {
  /** What every Update answers (the same object, as the workflow has always returned). */
  readonly current: SeriesWorkflowState;
  /** True while occurrences are being made; an amendment waits, so the two never interleave. */
  materialising = false;

  constructor(status: SeriesStatus) {
    this.current = { status, amendments: 0 };
  }

  get status(): SeriesStatus {
    return this.current.status;
  }

  get amendments(): number {
    return this.current.amendments;
  }

  get ended(): boolean {
    return this.current.status === 'ended';
  }

  /** Pause (active → paused) or resume (paused → active): refused, with its code, from any other state. */
  requireChange(change: SeriesStatusChange): void {
    const { from, refusal } = SERIES_STATUS_CHANGES[change];
    if (this.current.status !== from) throw new WorkflowRejection(refusal, `the series is ${this.current.status}`);
  }

  /** The status a pause or resume leads to. */
  statusAfter(change: SeriesStatusChange): SeriesStatus {
    return SERIES_STATUS_CHANGES[change].to;
  }

  /** End and amend: refused once the series has ended. */
  requireNotEnded(): void {
    if (this.ended) throw new WorkflowRejection(SeriesRejection.Ended, 'the series has ended');
  }

  setStatus(status: SeriesStatus): void {
    this.current.status = status;
  }

  amended(): void {
    this.current.amendments += 1;
  }

  /** Whether the run should continue as new: the SDK suggests it, or the history has reached its limit. */
  static needsNewRun(info: { continueAsNewSuggested: boolean; historyLength: number }, historyLimit: number): boolean {
    return info.continueAsNewSuggested || info.historyLength >= historyLimit;
  }

  /** How long to sleep until the next occurrence is due to be made (at least a second). */
  static sleepUntil(wakeAt: string, now: number): number {
    return Math.max(MIN_WAKE_MS, Date.parse(wakeAt) - now);
  }
}
