/**
 * What the API, the support-request workflow and its activities say to each other: the workflow's
 * input and state, its Updates by name (one per step), and the activities it calls.
 */
import type { Actor } from './actor';
import type { SupportDeadlineKind, SupportDeadlineStage, SupportRequestStatus, SupportStep } from './support-request';
import type { VersionedWorkflowInput } from './workflow-version';

export function supportRequestWorkflowId(requestId: string): string {
  return `support-request-${requestId}`;
}

/** What a step brings; which fields matter depends on the step (the API has validated them). */
export interface SupportStepArgs {
  actor: Actor;
  assigneeId?: string;
  question?: string;
  answer?: string;
  recommendation?: 'approve' | 'decline';
  decision?: 'approve' | 'decline';
  rationale?: string;
  summary?: string;
  reason?: string;
}

/** A service-level deadline as the workflow follows it; `paused`: the clock stands still. */
export interface SupportDeadlineState {
  kind: SupportDeadlineKind;
  dueAt: string;
  revision: number;
  met: boolean;
  paused: boolean;
}

export interface SupportRequestWorkflowInput extends VersionedWorkflowInput {
  requestId: string;
  status: SupportRequestStatus;
  deadlines: SupportDeadlineState[];
  recommendation?: 'approve' | 'decline' | null;
  /** Plain time: a reminder this long before each deadline, an escalation this long after a breach, closing after delivery. */
  remindBeforeMs: number;
  escalateAfterMs: number;
  autoCloseAfterMs: number;
}

export interface SupportRequestWorkflowState {
  status: SupportRequestStatus;
  recommendation: 'approve' | 'decline' | null;
  deadlines: SupportDeadlineState[];
}

/** One Update per step, named after it; each answers the request's state once the step is in Postgres. */
export type SupportRequestUpdates = Record<SupportStep, { args: SupportStepArgs; result: SupportRequestWorkflowState }>;

/** The query answering the workflow's state. */
export const SUPPORT_REQUEST_STATE_QUERY = 'state';

/** One step to write; `automatic`: taken by the workflow itself (the close after delivery). */
export interface RecordSupportStepInput {
  requestId: string;
  step: SupportStep;
  from: SupportRequestStatus;
  to: SupportRequestStatus;
  args: SupportStepArgs;
  automatic?: boolean;
}

/** The activities the support-request workflow calls; implemented by SupportRequestActivities in the worker. */
export interface SupportRequestActivitiesContract {
  /** Writes the step to Postgres (request, deadlines, timeline, audit) and answers the deadlines as they now stand. */
  recordSupportStep(input: RecordSupportStepInput): Promise<SupportDeadlineState[]>;
  /** One stage of one deadline, if the deadline is still open at that revision. */
  remindSupportDeadline(input: {
    requestId: string;
    kind: SupportDeadlineKind;
    revision: number;
    stage: SupportDeadlineStage;
  }): Promise<number>;
}
