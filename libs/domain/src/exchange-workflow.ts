/**
 * What the API, the exchange workflow and its activities say to each other: the workflow's input
 * and state, its Updates by name (argument and answer), its signal and query, and the activities
 * it calls.
 */
import type { Actor } from './actor';
import type { ExchangeStatus } from './exchange';
import type { UpdateTable } from './workflow-update';
import type { VersionedWorkflowInput } from './workflow-version';

export interface ExchangeWorkflowInput extends VersionedWorkflowInput {
  exchangeId: string;
  status: ExchangeStatus;
  organizations: string[];
  confirmedBy: string[];
  startsAt: string;
  durationMinutes: number;
  revision: number;
  /** How long before the start every organisation must have confirmed, and how long after that the senior level is told. */
  confirmationLeadMs: number;
  escalationAfterMs: number;
  /** How long before the start the agenda freezes; how long after the end the minutes are due. */
  agendaFreezeMs?: number;
  minutesDueMs?: number;
  /**
   * A senior-level exchange only: how long before the start each organisation must have an accepted
   * senior-level participant, or its coordinators are reminded. Absent for a working-level exchange
   * (and in workflows started before the check existed): no check.
   */
  attendanceCheckMs?: number;
  /** The minutes so far, when the workflow resumes an exchange that is already held or closed. */
  minutesVersion?: number;
  /**
   * How long before their due time reminders are handed to the queue, which holds them as delayed
   * jobs until then (REMINDER_QUEUE_AHEAD). Absent (workflows started before it existed): at the due time.
   */
  queueAheadMs?: number;
}

export interface ExchangeWorkflowState {
  status: ExchangeStatus;
  startsAt: string;
  durationMinutes: number;
  revision: number;
  confirmedBy: string[];
  /** The current minutes version (0: none drafted yet) and, per organisation, the version it approved. */
  minutesVersion: number;
  approvals: Record<string, number>;
}

export interface ConfirmArgs {
  organization: string;
  actor: Actor;
}
/** `detach`: changed on its own (not by its series), so later series amendments leave it alone. */
export interface RescheduleArgs {
  startsAt: string;
  /** A new length, when the change brings one (a series amendment may). */
  durationMinutes?: number;
  reason: string;
  actor: Actor;
  detach: boolean;
}
export interface CancelArgs {
  reason: string;
  actor: Actor;
  detach: boolean;
}

/** A new version of the minutes; `baseVersion`, when given, must be the current one. */
export interface DraftMinutesArgs {
  text: string;
  baseVersion?: number;
  actor: Actor;
}
export interface ApproveMinutesArgs {
  organization: string;
  version: number;
  actor: Actor;
}

/** Holds a table of Updates to the UpdateTable shape while keeping its literal keys. */
type Checked<T extends UpdateTable> = T;

/** The exchange workflow's Updates, by name: each answers the workflow's state. */
export type ExchangeUpdates = Checked<{
  confirm: { args: ConfirmArgs; result: ExchangeWorkflowState };
  reschedule: { args: RescheduleArgs; result: ExchangeWorkflowState };
  cancel: { args: CancelArgs; result: ExchangeWorkflowState };
  draftMinutes: { args: DraftMinutesArgs; result: ExchangeWorkflowState };
  approveMinutes: { args: ApproveMinutesArgs; result: ExchangeWorkflowState };
}>;
export type ExchangeUpdateName = keyof ExchangeUpdates;

/** The signal that an action item of the exchange was added or changed: the workflow plans its follow-up again. */
export const EXCHANGE_ACTION_ITEMS_CHANGED_SIGNAL = 'actionItemsChanged';
/** The query answering the workflow's state. */
export const EXCHANGE_STATE_QUERY = 'state';

/** The follow-up stages of an action item: before it is due, when it is overdue, after the grace period. */
export type ActionItemStage = 'action-due' | 'action-overdue' | 'action-escalation';

/** One follow-up stage of one revision of an action item, and when it falls. */
export interface ActionItemTimer {
  actionItemId: string;
  revision: number;
  stage: ActionItemStage;
  at: string;
}

/** A group of reminders due at one instant: one reminder offset on one channel. */
export interface ReminderSlot {
  offset: string;
  channel: string;
  dueAt: string;
  keys: string[];
}

/** A reschedule to write: the new time and length at a new revision, and why. */
export interface RecordRescheduleInput {
  exchangeId: string;
  startsAt: string;
  durationMinutes: number;
  revision: number;
  reason: string;
  actor: Actor;
  detach: boolean;
}

/** The activities the exchange workflow calls; implemented by ExchangeActivities in the worker. */
export interface ExchangeActivitiesContract {
  planReminders(input: { exchangeId: string; revision: number; startsAt: string }): Promise<ReminderSlot[]>;
  dispatchReminders(input: { exchangeId: string; revision: number; keys: string[] }): Promise<number>;
  recordConfirmation(input: { exchangeId: string; organization: string; status: ExchangeStatus; actor: Actor }): Promise<void>;
  recordReschedule(input: RecordRescheduleInput): Promise<void>;
  recordCancellation(input: { exchangeId: string; reason: string; actor: Actor; detach: boolean }): Promise<void>;
  recordHeld(input: { exchangeId: string }): Promise<void>;
  /** Tells the organisations that have not confirmed: their coordinators (`confirmation`), later their senior level (`escalation`). */
  remindUnconfirmed(input: { exchangeId: string; revision: number; stage: 'confirmation' | 'escalation' }): Promise<number>;
}

/** The attendance check of a senior-level exchange; implemented by AttendanceCheckActivities in the worker. */
export interface AttendanceCheckActivitiesContract {
  /** Reminds the coordinators of each organisation with no accepted senior-level participant (kind `attendance`). */
  remindUnattended(input: { exchangeId: string; revision: number }): Promise<number>;
}

/** The activities of the exchange's life after scheduling: agenda, minutes, action items. Implemented in `@liaison/follow-up`. */
export interface FollowUpActivitiesContract {
  /** Records the agenda's freeze and puts open action items of earlier occurrences on it. */
  freezeAgenda(input: { exchangeId: string; revision: number }): Promise<void>;
  recordMinutesDraft(input: { exchangeId: string; version: number; text: string; actor: Actor }): Promise<void>;
  /** Records one organisation's approval; `closes`: it was the last one, the minutes lock and the exchange is closed. */
  recordMinutesApproval(input: { exchangeId: string; organization: string; version: number; actor: Actor; closes: boolean }): Promise<void>;
  /** No minutes drafted by their deadline: the host's coordinators (`minutes`), later its senior level (`minutes-escalation`). */
  remindMinutes(input: { exchangeId: string; stage: 'minutes' | 'minutes-escalation' }): Promise<number>;
  /** The stages still to come of every open action item of the exchange. */
  planActionItems(input: { exchangeId: string }): Promise<ActionItemTimer[]>;
  /** One stage of one action item, if the item is still open at that revision. */
  remindActionItem(input: ActionItemTimer): Promise<number>;
}
