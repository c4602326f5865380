import {
  FINAL_SUPPORT_STATUSES,
  SUPPORT_STEPS,
  SupportDeadlineStage,
  SupportDeadlineState,
  SupportRejection,
  SupportRequestStatus,
  SupportRequestWorkflowInput,
  SupportRequestWorkflowState,
  SupportStep,
  SupportStepArgs,
  WorkflowRejection,
} from '@liaison/domain';

/** One stage of a deadline: its id (sent once only) and when it is due, in epoch milliseconds. */
export interface DeadlineStageAt {
  id: string;
  stage: SupportDeadlineStage;
  at: number;
}

/**
 * A support request as its workflow holds it: the status, the recommendation, the deadlines as
 * Postgres last answered them, the deadline stages already sent, and a version bumped by every
 * change (the timers are planned again). Pure: the workflow function does the activities, timers
 * and search attributes; times come in as arguments.
 */
export class SupportRequestState {
  /** What every Update and the query answer (the same object, as the workflow has always returned). */
  readonly current: SupportRequestWorkflowState;
  /** Bumped by every change of state or deadlines: the timers are planned again. */
  version = 0;
  /** When the request was delivered (epoch ms), for the closing after delivery. */
  deliveredAt: number;
  private readonly sent = new Set<string>();

  constructor(input: Pick<SupportRequestWorkflowInput, 'status' | 'recommendation' | 'deadlines'>, now: number) {
    this.current = { status: input.status, recommendation: input.recommendation ?? null, deadlines: input.deadlines };
    this.deliveredAt = input.status === 'delivered' ? now : 0;
  }

  get status(): SupportRequestStatus {
    return this.current.status;
  }

  get isOver(): boolean {
    return FINAL_SUPPORT_STATUSES.includes(this.current.status);
  }

  /** Refuses a step the request's state does not allow, and a decision against the recommendation without a rationale. */
  requireAllowed(step: SupportStep, args: SupportStepArgs): void {
    const status = this.current.status;
    if (!SUPPORT_STEPS[step].from.includes(status)) {
      throw new WorkflowRejection(SupportRejection.WrongState, `cannot ${step}: the request is ${status}`);
    }
    if (step === 'decide' && args.decision !== this.current.recommendation && !args.rationale?.trim()) {
      throw new WorkflowRejection(
        SupportRejection.RationaleRequired,
        `rationale: a decision to ${args.decision} against the recommendation to ${this.current.recommendation} needs a rationale`,
      );
    }
  }

  /** The state a step leads to: its table row's, or for `decide` the decision's. */
  static target(step: SupportStep, args: SupportStepArgs): SupportRequestStatus {
    return SUPPORT_STEPS[step].to ?? (args.decision === 'approve' ? 'approved' : 'declined');
  }

  /** Moves the state at once (so no second step slips in); answers the state it moved from and to. */
  take(step: SupportStep, args: SupportStepArgs, now: number): { from: SupportRequestStatus; to: SupportRequestStatus } {
    const from = this.current.status;
    const to = SupportRequestState.target(step, args);
    this.current.status = to;
    if (step === 'recommend') this.current.recommendation = args.recommendation ?? null;
    if (to === 'delivered') this.deliveredAt = now;
    return { from, to };
  }

  /** The deadlines as Postgres now has them. */
  setDeadlines(deadlines: SupportDeadlineState[]): void {
    this.current.deadlines = deadlines;
  }

  /** After each step: the timers are planned again. */
  changed(): void {
    this.version += 1;
  }

  /** A deadline whose clock runs: not met, not paused, and the request not over. */
  running(d: SupportDeadlineState): boolean {
    return !d.met && !d.paused && !this.isOver;
  }

  /** The earliest running deadline, if any. */
  nextDeadline(): SupportDeadlineState | undefined {
    return this.current.deadlines.filter((d) => this.running(d)).sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
  }

  /** The deadlines to follow now: the running ones. */
  followed(): SupportDeadlineState[] {
    return this.current.deadlines.filter((d) => this.running(d));
  }

  /** A deadline's three stages in order: a reminder before it, the breach at it, the escalation after it. */
  static stagesOf(d: SupportDeadlineState, remindBeforeMs: number, escalateAfterMs: number): DeadlineStageAt[] {
    const due = Date.parse(d.dueAt);
    const stages: Array<{ stage: SupportDeadlineStage; at: number }> = [
      { stage: 'support-reminder', at: due - remindBeforeMs },
      { stage: 'support-breach', at: due },
      { stage: 'support-escalation', at: due + escalateAfterMs },
    ];
    return stages.map(({ stage, at }) => ({ id: `${d.kind}.${stage}`, stage, at }));
  }

  /** A stage once sent is not sent again. */
  wasSent(id: string): boolean {
    return this.sent.has(id);
  }

  markSent(id: string): void {
    this.sent.add(id);
  }

  /** When a delivered request closes by itself (epoch ms). */
  closesAt(autoCloseAfterMs: number): number {
    return this.deliveredAt + autoCloseAfterMs;
  }
}
