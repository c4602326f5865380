/**
 * What the API, the series workflow and its activities say to each other. Pure module: the
 * workflow bundle includes it.
 */
import { defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../../../exchanges/src/workflow/exchange-workflow.contract';

export type SeriesWorkflowStatus = 'active' | 'paused' | 'ended';

export function seriesWorkflowId(seriesId: string): string {
  return `series-${seriesId}`;
}

export interface SeriesWorkflowInput {
  seriesId: string;
  status: SeriesWorkflowStatus;
  /** Continue-as-new once the run's history has this many events (the SDK's suggestion also counts). */
  historyLimit: number;
}

export interface SeriesWorkflowState {
  status: SeriesWorkflowStatus;
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

export const pauseSeriesUpdate = defineUpdate<SeriesWorkflowState, [{ actor: Actor }]>('pause');
export const resumeSeriesUpdate = defineUpdate<SeriesWorkflowState, [{ actor: Actor }]>('resume');
export const endSeriesUpdate = defineUpdate<SeriesWorkflowState, [{ actor: Actor }]>('end');
export const amendSeriesUpdate = defineUpdate<SeriesWorkflowState, [{ actor: Actor; changes: SeriesChanges }]>('amend');

export const SeriesRejection = {
  NotActive: 'SERIES.NOT_ACTIVE',
  NotPaused: 'SERIES.NOT_PAUSED',
  Ended: 'SERIES.ENDED',
} as const;

export interface SeriesActivitiesContract {
  /** Makes the occurrences up to the horizon exist; when to look again, or null when the rule has no future occurrence. */
  materialiseOccurrences(input: { seriesId: string }): Promise<{ wakeAt: string | null }>;
  recordSeriesStatus(input: { seriesId: string; status: SeriesWorkflowStatus; actor: Actor }): Promise<void>;
  applySeriesAmendment(input: { seriesId: string; changes: SeriesChanges; actor: Actor }): Promise<void>;
  endSeriesOccurrences(input: { seriesId: string; actor: Actor }): Promise<void>;
}
