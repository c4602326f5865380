import { EXECUTION_STATUSES, ExecutionStatus, WorkflowFilter } from './monitoring.types';
import { WORKFLOW_KINDS } from '@liaison/domain';

/** Temporal's spelling of each execution status in a visibility query. */
const VISIBILITY_STATUS: Record<ExecutionStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Canceled',
  terminated: 'Terminated',
  'continued-as-new': 'ContinuedAsNew',
  'timed-out': 'TimedOut',
};

/** `Running` (or another name a GROUP BY ExecutionStatus answer carries) in the API's spelling. */
export function executionStatusFromName(name: string): ExecutionStatus | undefined {
  return EXECUTION_STATUSES.find((status) => VISIBILITY_STATUS[status] === name);
}

/** A string literal of the visibility query language; values come validated, this only keeps quoting right. */
function literal(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * The visibility query for a filter: always scoped to this deployment's task queue and to the
 * workflows that carry a Liaison kind. `late` is answered here (the next deadline is a search
 * attribute); `stuck` needs each workflow described and only narrows the query to running ones.
 * Null when nothing can match (late or stuck, yet not running).
 */
export function visibilityQuery(taskQueue: string, filter: Omit<WorkflowFilter, 'limit' | 'cursor'>, lateBefore: Date): string | null {
  const clauses = [`TaskQueue = ${literal(taskQueue)}`];
  clauses.push(filter.kind ? `LiaisonKind = ${literal(filter.kind)}` : `LiaisonKind IN (${WORKFLOW_KINDS.map(literal).join(', ')})`);
  const running = filter.late || filter.stuck;
  if (running && filter.executionStatus && filter.executionStatus !== 'running') return null;
  if (running || filter.executionStatus)
    clauses.push(`ExecutionStatus = ${literal(VISIBILITY_STATUS[filter.executionStatus ?? 'running'])}`);
  if (filter.status) clauses.push(`LiaisonStatus = ${literal(filter.status)}`);
  if (filter.organization) clauses.push(`LiaisonOrganizations = ${literal(filter.organization)}`);
  if (filter.late) clauses.push(`LiaisonNextDeadline < ${literal(lateBefore.toISOString())}`);
  return clauses.join(' AND ');
}

/** The count query behind the page's table and the executions gauge: one kind, grouped by status. */
export function countQuery(taskQueue: string, kind: string): string {
  return `TaskQueue = ${literal(taskQueue)} AND LiaisonKind = ${literal(kind)} GROUP BY ExecutionStatus`;
}
