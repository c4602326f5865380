/**
 * What the API, the support-request workflow and its activities say to each other.
 * Pure module: no Node built-ins, no Nest, no TypeORM; the workflow bundle includes it.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';

export type SupportStatus =
  | 'submitted'
  | 'acknowledged'
  | 'under_review'
  | 'information_requested'
  | 'recommended'
  | 'approved'
  | 'declined'
  | 'in_delivery'
  | 'delivered'
  | 'closed'
  | 'withdrawn';

export const FINAL_STATUSES: readonly SupportStatus[] = ['declined', 'closed', 'withdrawn'];

export type SupportStep =
  | 'acknowledge'
  | 'request-information'
  | 'provide-information'
  | 'recommend'
  | 'decide'
  | 'start-delivery'
  | 'deliver'
  | 'close'
  | 'withdraw';

/** Which side takes a step: the providing organisation, its senior level, or the requesting side. */
export type StepSide = 'providing' | 'providing-senior' | 'requesting';

/**
 * The whole transition table: for each step, the side that takes it and the states it is taken
 * from. `decide` leads to `approved` or `declined`; every other step to one state.
 */
export const STEPS: Record<SupportStep, { side: StepSide; from: readonly SupportStatus[]; to: SupportStatus | null }> = {
  acknowledge: { side: 'providing', from: ['submitted'], to: 'acknowledged' },
  'request-information': { side: 'providing', from: ['acknowledged', 'under_review'], to: 'information_requested' },
  'provide-information': { side: 'requesting', from: ['information_requested'], to: 'under_review' },
  recommend: { side: 'providing', from: ['acknowledged', 'under_review'], to: 'recommended' },
  decide: { side: 'providing-senior', from: ['recommended'], to: null },
  'start-delivery': { side: 'providing', from: ['approved'], to: 'in_delivery' },
  deliver: { side: 'providing', from: ['in_delivery'], to: 'delivered' },
  close: { side: 'requesting', from: ['delivered'], to: 'closed' },
  withdraw: {
    side: 'requesting',
    from: ['submitted', 'acknowledged', 'under_review', 'information_requested', 'recommended', 'approved', 'in_delivery'],
    to: 'withdrawn',
  },
};

export const STEP_NAMES = Object.keys(STEPS) as SupportStep[];

export function supportRequestWorkflowId(requestId: string): string {
  return `support-request-${requestId}`;
}

/** Who asked for a change: a person's id, the admin token, or the workflow itself. */
export interface Actor {
  type: 'person' | 'admin-token' | 'system';
  id: string | null;
}

/** What a step brings; which fields matter depends on the step (the API has validated them). */
export interface StepArgs {
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

export type DeadlineKind = 'acknowledge' | 'decision';

/** A service-level deadline as the workflow follows it; `paused`: the clock stands still. */
export interface DeadlineState {
  kind: DeadlineKind;
  dueAt: string;
  revision: number;
  met: boolean;
  paused: boolean;
}

export interface SupportRequestWorkflowInput {
  requestId: string;
  status: SupportStatus;
  deadlines: DeadlineState[];
  recommendation?: 'approve' | 'decline' | null;
  /** Plain time: a reminder this long before each deadline, an escalation this long after a breach, closing after delivery. */
  remindBeforeMs: number;
  escalateAfterMs: number;
  autoCloseAfterMs: number;
}

export interface SupportRequestState {
  status: SupportStatus;
  recommendation: 'approve' | 'decline' | null;
  deadlines: DeadlineState[];
}

/** One Update per step, named after it. */
export const stepUpdates = Object.fromEntries(
  STEP_NAMES.map((step) => [step, defineUpdate<SupportRequestState, [StepArgs]>(step)]),
) as Record<SupportStep, UpdateDefinition<SupportRequestState, [StepArgs]>>;
export const supportStateQuery = defineQuery<SupportRequestState>('state');

/** Failure types an Update can be rejected with; the API maps them to HTTP 409. */
export const SupportRejection = {
  WrongState: 'SUPPORT.WRONG_STATE',
  RationaleRequired: 'SUPPORT.RATIONALE_REQUIRED',
} as const;

/** The reminders of a deadline: before it (to the assignee), its breach (coordinators), the escalation (senior level). */
export type DeadlineStage = 'support-reminder' | 'support-breach' | 'support-escalation';

/** One step to write; `automatic`: taken by the workflow itself (the close after delivery). */
export interface RecordStepInput {
  requestId: string;
  step: SupportStep;
  from: SupportStatus;
  to: SupportStatus;
  args: StepArgs;
  automatic?: boolean;
}

/** The activities the support-request workflow calls; implemented by SupportRequestActivities in the worker. */
export interface SupportRequestActivitiesContract {
  /** Writes the step to Postgres (request, deadlines, timeline, audit) and answers the deadlines as they now stand. */
  recordSupportStep(input: RecordStepInput): Promise<DeadlineState[]>;
  /** One stage of one deadline, if the deadline is still open at that revision. */
  remindSupportDeadline(input: { requestId: string; kind: DeadlineKind; revision: number; stage: DeadlineStage }): Promise<number>;
}
