import {
  ApproveMinutesArgs,
  ConfirmArgs,
  DraftMinutesArgs,
  exchangeStepAllowed,
  ExchangeRejection,
  ExchangeStatus,
  ExchangeStep,
  ExchangeWorkflowInput,
  ExchangeWorkflowState,
  OPEN_EXCHANGE_STATUSES,
  RescheduleArgs,
  ReminderSlot,
  WorkflowRejection,
} from '@liaison/domain';

/** A deadline of a watch: which reminder it brings, and when (epoch milliseconds). */
export interface Stage<S extends string> {
  stage: S;
  at: number;
}

/**
 * The state of one exchange's workflow and the rules that move it: each Update's checks (which
 * throw a `WorkflowRejection`) and state change, and the deadlines the workflow waits for. Pure:
 * no Temporal here, so that every transition is tested without a server; the workflow function
 * wires it to Updates, timers and activities. `onStatus` hears every status change (the workflow
 * publishes it as a search attribute).
 */
export class ExchangeState {
  /** What the query and every Update answer. */
  readonly state: ExchangeWorkflowState;
  /** Bumped by every `actionItemsChanged` signal. */
  private actionChanges = 0;

  constructor(
    private readonly input: ExchangeWorkflowInput,
    private readonly onStatus: (status: ExchangeStatus) => void = () => undefined,
  ) {
    this.state = {
      status: input.status,
      startsAt: input.startsAt,
      durationMinutes: input.durationMinutes,
      revision: input.revision,
      confirmedBy: [...input.confirmedBy],
      minutesVersion: input.minutesVersion ?? 0,
      approvals: {},
    };
  }

  get status(): ExchangeStatus {
    return this.state.status;
  }

  get isOpen(): boolean {
    return OPEN_EXCHANGE_STATUSES.includes(this.state.status);
  }

  /** Closed or cancelled: nothing more happens to the exchange itself. */
  get lifecycleOver(): boolean {
    return this.state.status === 'closed' || this.state.status === 'cancelled';
  }

  get everyoneConfirmed(): boolean {
    return this.input.organizations.every((code) => this.state.confirmedBy.includes(code));
  }

  /** Minutes drafted, or the exchange no longer held: the minutes deadline no longer applies. */
  get minutesDrafted(): boolean {
    return this.state.minutesVersion > 0 || this.state.status !== 'held';
  }

  setStatus(status: ExchangeStatus): void {
    this.state.status = status;
    this.onStatus(status);
  }

  // --- Updates: `check…` is the validator; the step itself checks again (a handler may run without it) ---

  checkConfirm({ organization }: Pick<ConfirmArgs, 'organization'>): void {
    this.requireStep('confirm');
    this.requireParticipant(organization);
    this.requireUnconfirmed(organization);
  }

  /** Records the organisation's confirmation; answers the status to write (`confirmed` once everyone has). The status is set after the write. */
  confirm({ organization }: Pick<ConfirmArgs, 'organization'>): ExchangeStatus {
    this.requireUnconfirmed(organization);
    this.state.confirmedBy.push(organization);
    return this.everyoneConfirmed && this.state.status === 'scheduled' ? 'confirmed' : this.state.status;
  }

  checkReschedule({ startsAt }: Pick<RescheduleArgs, 'startsAt'>, now: number): void {
    this.requireStep('reschedule');
    const at = Date.parse(startsAt);
    if (Number.isNaN(at)) throw new WorkflowRejection(ExchangeRejection.BadStart, 'startsAt is not a time');
    if (at <= now) throw new WorkflowRejection(ExchangeRejection.BadStart, 'startsAt must be in the future');
  }

  /** A new revision at the new time (and length, when given): everything planned is planned again. */
  reschedule({ startsAt, durationMinutes }: Pick<RescheduleArgs, 'startsAt' | 'durationMinutes'>): {
    revision: number;
    durationMinutes: number;
  } {
    this.requireStep('reschedule');
    this.state.revision += 1;
    this.state.startsAt = startsAt;
    if (durationMinutes !== undefined) this.state.durationMinutes = durationMinutes;
    return { revision: this.state.revision, durationMinutes: this.state.durationMinutes };
  }

  checkCancel(): void {
    this.requireStep('cancel');
  }

  cancel(): void {
    this.requireStep('cancel');
    this.setStatus('cancelled');
  }

  /** The exchange's end has passed. */
  hold(): void {
    this.setStatus('held');
  }

  checkDraftMinutes({ baseVersion }: Pick<DraftMinutesArgs, 'baseVersion'>): void {
    this.requireMinutesStep('draftMinutes');
    if (baseVersion !== undefined && baseVersion !== this.state.minutesVersion) {
      throw new WorkflowRejection(
        ExchangeRejection.StaleMinutes,
        `baseVersion ${baseVersion} is not the current version ${this.state.minutesVersion} of the minutes; the exchange is ${this.state.status}`,
      );
    }
  }

  /** A new version of the minutes; answers its number. */
  draftMinutes(args: Pick<DraftMinutesArgs, 'baseVersion'>): number {
    this.checkDraftMinutes(args);
    this.state.minutesVersion += 1;
    return this.state.minutesVersion;
  }

  checkApproveMinutes({ organization, version }: Pick<ApproveMinutesArgs, 'organization' | 'version'>): void {
    this.requireMinutesStep('approveMinutes');
    this.requireParticipant(organization);
    const current = this.state.minutesVersion;
    if (current === 0) throw new WorkflowRejection(ExchangeRejection.MinutesNotDrafted, 'no minutes have been drafted yet');
    if (version !== current) {
      throw new WorkflowRejection(
        ExchangeRejection.StaleMinutes,
        `version ${version} is not the current version ${current} of the minutes; the exchange is ${this.state.status}`,
      );
    }
    if (this.state.approvals[organization] === version) {
      throw new WorkflowRejection(ExchangeRejection.AlreadyApproved, `${organization} has already approved version ${version}`);
    }
  }

  /**
   * Records the organisation's approval; answers whether it closes the exchange (every organisation
   * has approved the current version). Closed at once, so that no draft slips in before the write.
   */
  approveMinutes(args: Pick<ApproveMinutesArgs, 'organization' | 'version'>): boolean {
    this.checkApproveMinutes(args);
    this.state.approvals[args.organization] = args.version;
    const closes = this.input.organizations.every((code) => this.state.approvals[code] === this.state.minutesVersion);
    if (closes) this.setStatus('closed');
    return closes;
  }

  // --- the action items' signal ---

  noteActionItemsChanged(): void {
    this.actionChanges += 1;
  }

  /** A mark to tell later whether an action item changed since. */
  get actionItemsMark(): number {
    return this.actionChanges;
  }

  // --- deadlines (epoch milliseconds) ---

  get endsAt(): number {
    return Date.parse(this.state.startsAt) + this.state.durationMinutes * 60_000;
  }

  /** When the agenda freezes: `agendaFreezeMs` before the start; null when the input has none. */
  get agendaFreezeAt(): number | null {
    return this.input.agendaFreezeMs === undefined ? null : Date.parse(this.state.startsAt) - this.input.agendaFreezeMs;
  }

  /** When a slot's reminders go to the queue: `queueAheadMs` before they are due. */
  handOverAt(slot: ReminderSlot): number {
    return Date.parse(slot.dueAt) - (this.input.queueAheadMs ?? 0);
  }

  /** The confirmation deadline (`confirmationLeadMs` before the start) and the escalation `escalationAfterMs` later; none without a lead. */
  confirmationStages(): Stage<'confirmation' | 'escalation'>[] {
    if (!this.input.confirmationLeadMs) return [];
    const deadline = Date.parse(this.state.startsAt) - this.input.confirmationLeadMs;
    return [
      { stage: 'confirmation', at: deadline },
      { stage: 'escalation', at: deadline + this.input.escalationAfterMs },
    ];
  }

  /**
   * When a senior-level exchange checks that each organisation has an accepted senior-level
   * participant: `attendanceCheckMs` before the current start (so a reschedule moves it); null
   * without a check (a working-level exchange), or once the exchange is no longer open.
   */
  get attendanceCheckAt(): number | null {
    if (!this.input.attendanceCheckMs || !this.isOpen) return null;
    return Date.parse(this.state.startsAt) - this.input.attendanceCheckMs;
  }

  /** The minutes due (`minutesDueMs` after the end) and the escalation `escalationAfterMs` later; none without a due time. */
  minutesStages(): Stage<'minutes' | 'minutes-escalation'>[] {
    if (this.input.minutesDueMs === undefined) return [];
    const due = this.endsAt + this.input.minutesDueMs;
    return [
      { stage: 'minutes', at: due },
      { stage: 'minutes-escalation', at: due + this.input.escalationAfterMs },
    ];
  }

  // --- rejections ---

  private requireStep(step: ExchangeStep): void {
    if (!exchangeStepAllowed(step, this.state.status)) {
      throw new WorkflowRejection(ExchangeRejection.NotOpen, `the exchange is ${this.state.status}`);
    }
  }

  /** Minutes are drafted and approved while the exchange is held; once closed they are locked. */
  private requireMinutesStep(step: ExchangeStep): void {
    if (exchangeStepAllowed(step, this.state.status)) return;
    if (this.state.status === 'closed') {
      throw new WorkflowRejection(ExchangeRejection.MinutesLocked, 'the minutes are locked; the exchange is closed');
    }
    throw new WorkflowRejection(
      ExchangeRejection.NotHeld,
      `minutes are for an exchange that has been held; the exchange is ${this.state.status}`,
    );
  }

  private requireParticipant(organization: string): void {
    if (!this.input.organizations.includes(organization)) {
      throw new WorkflowRejection(
        ExchangeRejection.NotParticipating,
        `${organization} does not take part in this exchange; the exchange is ${this.state.status}`,
      );
    }
  }

  private requireUnconfirmed(organization: string): void {
    if (this.state.confirmedBy.includes(organization)) {
      throw new WorkflowRejection(
        ExchangeRejection.AlreadyConfirmed,
        `${organization} has already confirmed; the exchange is ${this.state.status}`,
      );
    }
  }
}
