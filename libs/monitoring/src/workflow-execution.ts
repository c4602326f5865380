import { LiaisonKind } from '@liaison/temporal';
import type { WorkflowExecutionDescription, WorkflowExecutionInfo } from '@temporalio/client';
import { optionalTsToMs } from '@temporalio/common/lib/time';
import type { temporal } from '@temporalio/proto';
import { ExecutionStatus, PENDING_ACTIVITY_STATES, PendingActivityState, StuckReason } from './monitoring.types';
import { WORKFLOW_KINDS, WorkflowKind } from '@liaison/domain';
import { activitiesScheduledAt, failureMessage } from './workflow-history';

/* A Temporal execution read in Liaison's terms: its kind, its status, whether it is stuck. */

export type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
/** What a listing and a describe have in common. */
export type Execution = Omit<WorkflowExecutionInfo, 'raw'>;

export function kindOf(info: Execution): WorkflowKind | undefined {
  const kind = info.typedSearchAttributes.get(LiaisonKind);
  return WORKFLOW_KINDS.find((k) => k === kind);
}

const STATUS_BY_NAME: Partial<Record<WorkflowExecutionInfo['status']['name'], ExecutionStatus>> = {
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  TERMINATED: 'terminated',
  CONTINUED_AS_NEW: 'continued-as-new',
  TIMED_OUT: 'timed-out',
};

export function statusOf(info: Execution): ExecutionStatus {
  return STATUS_BY_NAME[info.status.name] ?? 'running';
}

export function isoOf(ts: Parameters<typeof optionalTsToMs>[0]): string | null {
  const ms = optionalTsToMs(ts);
  return ms === undefined ? null : new Date(ms).toISOString();
}

/** PendingActivityState by its number (PENDING_ACTIVITY_STATES). */
export function pendingActivityState(state: number | null | undefined): PendingActivityState {
  return PENDING_ACTIVITY_STATES[state ?? 0] ?? 'unspecified';
}

/**
 * Why a running workflow is stuck, or null: a workflow task pending, or an activity retrying, for
 * `stuckAfterMs` or longer (`events` date an activity's first attempt).
 */
export function stuckFrom(description: WorkflowExecutionDescription, events: HistoryEvent[], stuckAfterMs: number): StuckReason | null {
  if (description.status.name !== 'RUNNING') return null;
  const cutoff = Date.now() - stuckAfterMs;
  const task = description.raw.pendingWorkflowTask;
  const taskSince = optionalTsToMs(task?.originalScheduledTime ?? task?.scheduledTime);
  if (task && taskSince !== undefined && taskSince <= cutoff) {
    return {
      what: 'workflow-task',
      name: 'workflow task',
      since: new Date(taskSince).toISOString(),
      attempt: task.attempt ?? 1,
      lastFailure: null,
    };
  }
  const scheduledAt = activitiesScheduledAt(events);
  for (const activity of description.raw.pendingActivities ?? []) {
    const since = Date.parse(scheduledAt.get(activity.activityId ?? '') ?? '');
    if ((activity.attempt ?? 1) > 1 && since <= cutoff) {
      return {
        what: 'activity',
        name: activity.activityType?.name ?? activity.activityId ?? 'activity',
        since: new Date(since).toISOString(),
        attempt: activity.attempt ?? 1,
        lastFailure: activity.lastFailure ? failureMessage(activity.lastFailure) : null,
      };
    }
  }
  return null;
}
