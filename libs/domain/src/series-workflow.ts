/**
 * What the API, the series workflow and its activities say to each other: the workflow's input
 * and state, its Updates by name (argument and answer), and the activities it calls.
 */
import type { Actor } from './actor';
import type { SeriesStatus } from './series';

export function seriesWorkflowId(seriesId: string): string {
  return `series-${seriesId}`;
}

export interface SeriesWorkflowInput {
  seriesId: string;
  status: SeriesStatus;
  /** Continue-as-new once the run's history has this many events (the SDK's suggestion also counts). */
  historyLimit: number;
}

export interface SeriesWorkflowState {
  status: SeriesStatus;
  amendments: number;
}

/** Changes to a series; each applies to occurrences not yet started and not changed on their own. */
export interface SeriesChanges {
  title?: string;
  rrule?: string;
  dtstart?: string;
  exdates?: string[];
  durationMinutes?: number;
  location?: string | null;
  participantIds?: string[];
  reminderOffsets?: string[];
  hostRotation?: string[];
  horizon?: number;
}

export interface SeriesStatusArgs {
  actor: Actor;
}

export interface AmendSeriesArgs {
  actor: Actor;
  changes: SeriesChanges;
}

/** The series workflow's Updates, by name: each answers the workflow's state (an `UpdateTable`). */
export type SeriesUpdates = {
  pause: { args: SeriesStatusArgs; result: SeriesWorkflowState };
  resume: { args: SeriesStatusArgs; result: SeriesWorkflowState };
  end: { args: SeriesStatusArgs; result: SeriesWorkflowState };
  amend: { args: AmendSeriesArgs; result: SeriesWorkflowState };
};
export type SeriesUpdateName = keyof SeriesUpdates;

export interface SeriesActivitiesContract {
  /** Makes the occurrences up to the horizon exist; when to look again, or null when the rule has no future occurrence. */
  materialiseOccurrences(input: { seriesId: string }): Promise<{ wakeAt: string | null }>;
  recordSeriesStatus(input: { seriesId: string; status: SeriesStatus; actor: Actor }): Promise<void>;
  applySeriesAmendment(input: { seriesId: string; changes: SeriesChanges; actor: Actor }): Promise<void>;
  endSeriesOccurrences(input: { seriesId: string; actor: Actor }): Promise<void>;
}
