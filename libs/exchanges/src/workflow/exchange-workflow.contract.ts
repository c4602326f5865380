/**
 * What the API, the workflow and its activities say to each other about one exchange.
 * Pure module: no Node built-ins, no Nest, no TypeORM; the workflow bundle includes it.
 */
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export type ExchangeWorkflowStatus = 'scheduled' | 'confirmed' | 'held' | 'closed' | 'cancelled';
export const OPEN_STATUSES: readonly ExchangeWorkflowStatus[] = ['scheduled', 'confirmed'];

export function exchangeWorkflowId(exchangeId: string): string {
  return `exchange-${exchangeId}`;
}

/** Who asked for a change: a person's id, or the admin token. */
export interface Actor {
  type: 'person' | 'admin-token' | 'system';
  id: string | null;
}

export interface ExchangeWorkflowInput {
  exchangeId: string;
  status: ExchangeWorkflowStatus;
  organizations: string[];
  confirmedBy: string[];
  startsAt: string;
  durationMinutes: number;
  revision: number;
  /** How long before the start every organisation must have confirmed, and how long after that the senior level is told. */
  confirmationLeadMs: number;
  escalationAfterMs: number;
}

export interface ExchangeWorkflowState {
  status: ExchangeWorkflowStatus;
  startsAt: string;
  durationMinutes: number;
  revision: number;
  confirmedBy: string[];
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

export const confirmUpdate = defineUpdate<ExchangeWorkflowState, [ConfirmArgs]>('confirm');
export const rescheduleUpdate = defineUpdate<ExchangeWorkflowState, [RescheduleArgs]>('reschedule');
export const cancelUpdate = defineUpdate<ExchangeWorkflowState, [CancelArgs]>('cancel');
export const stateQuery = defineQuery<ExchangeWorkflowState>('state');

/** Failure types an Update can be rejected with; the API maps them to HTTP 409. */
export const ExchangeRejection = {
  NotOpen: 'EXCHANGE.NOT_OPEN',
  NotParticipating: 'EXCHANGE.ORGANIZATION_NOT_PARTICIPATING',
  AlreadyConfirmed: 'EXCHANGE.ALREADY_CONFIRMED',
  BadStart: 'EXCHANGE.BAD_START',
} as const;

/** A group of reminders due at one instant: one reminder offset on one channel. */
export interface ReminderSlot {
  offset: string;
  channel: string;
  dueAt: string;
  keys: string[];
}

/** The activities the exchange workflow calls; implemented by ExchangeActivities in the worker. */
export interface ExchangeActivitiesContract {
  planReminders(input: { exchangeId: string; revision: number; startsAt: string }): Promise<ReminderSlot[]>;
  dispatchReminders(input: { exchangeId: string; revision: number; keys: string[] }): Promise<number>;
  recordConfirmation(input: { exchangeId: string; organization: string; status: ExchangeWorkflowStatus; actor: Actor }): Promise<void>;
  recordReschedule(input: {
    exchangeId: string;
    startsAt: string;
    durationMinutes: number;
    revision: number;
    reason: string;
    actor: Actor;
    detach: boolean;
  }): Promise<void>;
  recordCancellation(input: { exchangeId: string; reason: string; actor: Actor; detach: boolean }): Promise<void>;
  recordHeld(input: { exchangeId: string }): Promise<void>;
  /** Tells the organisations that have not confirmed: their coordinators (`confirmation`), later their senior level (`escalation`). */
  remindUnconfirmed(input: { exchangeId: string; revision: number; stage: 'confirmation' | 'escalation' }): Promise<number>;
}
