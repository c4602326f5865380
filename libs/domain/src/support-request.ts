import type { ErrorCodeOf } from './error-codes';

/** The life of an A4P support request. */
export const SUPPORT_REQUEST_STATUSES = [
  'submitted',
  'acknowledged',
  'under_review',
  'information_requested',
  'recommended',
  'approved',
  'declined',
  'in_delivery',
  'delivered',
  'closed',
  'withdrawn',
] as const;
export type SupportRequestStatus = (typeof SUPPORT_REQUEST_STATUSES)[number];
/** A request in one of these states is over: nothing more happens to it. */
export const FINAL_SUPPORT_STATUSES: readonly SupportRequestStatus[] = ['declined', 'closed', 'withdrawn'];

export const SUPPORT_PRIORITIES = ['routine', 'priority', 'urgent'] as const;
export type SupportPriority = (typeof SUPPORT_PRIORITIES)[number];

export const SUPPORT_DEADLINE_KINDS = ['acknowledge', 'decision'] as const;
export type SupportDeadlineKind = (typeof SUPPORT_DEADLINE_KINDS)[number];

/** The steps of a request, each taken by one side from some states. */
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
export type SupportStepSide = 'providing' | 'providing-senior' | 'requesting';

/**
 * The whole transition table: for each step, the side that takes it and the states it is taken
 * from. `decide` leads to `approved` or `declined`; every other step to one state.
 */
export const SUPPORT_STEPS: Record<
  SupportStep,
  { side: SupportStepSide; from: readonly SupportRequestStatus[]; to: SupportRequestStatus | null }
> = {
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

export const SUPPORT_STEP_NAMES = Object.keys(SUPPORT_STEPS) as SupportStep[];

/** Why the support-request workflow refuses a step; the API maps them to HTTP 409 (422 for a missing rationale). */
export const SupportRejection = {
  WrongState: 'SUPPORT.WRONG_STATE',
  RationaleRequired: 'SUPPORT.RATIONALE_REQUIRED',
} as const satisfies { WrongState: ErrorCodeOf<409>; RationaleRequired: ErrorCodeOf<422> };

/** The reminders of a deadline: before it (to the assignee), its breach (coordinators), the escalation (senior level). */
export type SupportDeadlineStage = 'support-reminder' | 'support-breach' | 'support-escalation';
