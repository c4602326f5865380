import type { temporal } from '@temporalio/proto';
import { optionalTsToMs } from '@temporalio/common/lib/time';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;
function atOf(event: HistoryEvent): string {
  return new Date(optionalTsToMs(event.eventTime) ?? 0).toISOString();
}

/** Timers started and neither fired nor cancelled, with the instant each fires. */
export function pendingTimers(events: HistoryEvent[]): Array<{ timerId: string; firesAt: string }> {
  const open = new Map<string, { timerId: string; firesAt: string }>();
  for (const event of events) {
    const started = event.timerStartedEventAttributes;
    if (started?.timerId) {
      // A protobuf Duration has the shape of a Timestamp: seconds and nanos.
      const firesAt = (optionalTsToMs(event.eventTime) ?? 0) + (optionalTsToMs(started.startToFireTimeout) ?? 0);
      open.set(started.timerId, { timerId: started.timerId, firesAt: new Date(firesAt).toISOString() });
    }
    const closedId = event.timerFiredEventAttributes?.timerId ?? event.timerCanceledEventAttributes?.timerId;
    if (closedId) open.delete(closedId);
  }
  return [...open.values()].sort((a, b) => a.firesAt.localeCompare(b.firesAt));
}

/** When each activity (by activity id) was last scheduled: the start of its current run of attempts. */
export function activitiesScheduledAt(events: HistoryEvent[]): Map<string, string> {
  const scheduled = new Map<string, string>();
  for (const event of events) {
    const activityId = event.activityTaskScheduledEventAttributes?.activityId;
    if (activityId) scheduled.set(activityId, atOf(event));
  }
  return scheduled;
}

/** The latest failure the history records: an activity's, a workflow task's, or the workflow's own. */
export function lastFailure(events: HistoryEvent[]): { at: string; source: string; message: string } | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    const found =
      (event.activityTaskFailedEventAttributes?.failure && {
        source: 'activity',
        failure: event.activityTaskFailedEventAttributes.failure,
      }) ||
      (event.workflowTaskFailedEventAttributes?.failure && {
        source: 'workflow-task',
        failure: event.workflowTaskFailedEventAttributes.failure,
      }) ||
      (event.workflowExecutionFailedEventAttributes?.failure && {
        source: 'workflow',
        failure: event.workflowExecutionFailedEventAttributes.failure,
      }) ||
      (event.activityTaskTimedOutEventAttributes?.failure && {
        source: 'activity',
        failure: event.activityTaskTimedOutEventAttributes.failure,
      });
    if (found) return { at: atOf(event), source: found.source, message: failureMessage(found.failure) };
  }
  return null;
}

/** A failure's message with its causes ("activity failed: exchange … does not exist"). */
export function failureMessage(failure: temporal.api.failure.v1.IFailure | null | undefined): string {
  const parts: string[] = [];
  for (let f = failure; f && parts.length < 4; f = f.cause) if (f.message) parts.push(f.message);
  return parts.join(': ');
}

/**
 * The event a reset goes back to: the last completed workflow task (redo the latest decision with
 * the code deployed now), or the first (replay the whole workflow from its input).
 */
export function resetPoint(events: HistoryEvent[], to: 'last-workflow-task' | 'first-workflow-task'): HistoryEvent | undefined {
  const completed = events.filter((event) => event.workflowTaskCompletedEventAttributes);
  return to === 'first-workflow-task' ? completed[0] : completed[completed.length - 1];
}
