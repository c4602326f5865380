/** What the admin API and the admin page show about workflows, queues and failed deliveries. */
import { ApiProperty } from '@nestjs/swagger';
import { INSTANT, INSTANT_OR_NULL } from '@liaison/common';
import { QUEUE_STATES, type QueueState } from '@liaison/notifications';
import {
  CHANNELS,
  EXCHANGE_STATUSES,
  REMINDER_KINDS,
  REMINDER_STATUSES,
  SERIES_STATUSES,
  SUPPORT_REQUEST_STATUSES,
  WORKFLOW_KINDS,
  type WorkflowKind,
} from '@liaison/domain';

/** Temporal's execution status, in the API's spelling. */
export const EXECUTION_STATUSES = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'continued-as-new', 'timed-out'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** The statuses of the rows workflows follow: exchanges, series and support requests. */
export const BUSINESS_STATUSES = [...new Set<string>([...EXCHANGE_STATUSES, ...SERIES_STATUSES, ...SUPPORT_REQUEST_STATUSES])];

/** Temporal's PendingActivityState by number (1 scheduled, 2 started, 3 cancel requested, 4 paused, 5 pause requested). */
export const PENDING_ACTIVITY_STATES = ['unspecified', 'scheduled', 'started', 'cancel-requested', 'paused', 'pause-requested'] as const;
export type PendingActivityState = (typeof PENDING_ACTIVITY_STATES)[number];

export interface WorkflowFilter {
  kind?: WorkflowKind;
  /** Temporal's execution status. */
  executionStatus?: ExecutionStatus;
  /** The business status from Postgres (`scheduled`, `submitted`, `active`, …). */
  status?: string;
  /** An organisation code taking part. */
  organization?: string;
  /** Only running workflows whose next deadline passed more than ADMIN_LATE_AFTER ago. */
  late?: boolean;
  /** Only running workflows making no progress for ADMIN_STUCK_AFTER (see `stuck` below). */
  stuck?: boolean;
  limit: number;
  cursor?: string;
}

/** Temporal's view of a run. */
export class WorkflowExecutionState {
  @ApiProperty({ enum: EXECUTION_STATUSES }) status!: ExecutionStatus;
  @ApiProperty(INSTANT) startedAt!: string;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'Null while it runs' }) closedAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'Events in its history' }) historyLength!: number;
}

/** The row in Postgres the workflow follows. */
export class WorkflowBusinessState {
  @ApiProperty({ enum: BUSINESS_STATUSES, description: 'The status of the exchange, series or support request' }) status!: string;
  @ApiProperty() title!: string;
  @ApiProperty(INSTANT) updatedAt!: string;
}

export class WorkflowLinks {
  @ApiProperty({ description: 'The run in the Temporal UI' }) temporalUi!: string;
}

/** Why a workflow counts as stuck: the oldest thing that should have moved and has not. */
export class StuckReason {
  @ApiProperty({
    enum: ['activity', 'workflow-task'],
    description: '`activity`: an activity retrying; `workflow-task`: a workflow task nobody took or that keeps failing',
  })
  what!: 'activity' | 'workflow-task';
  @ApiProperty({ description: 'The activity type, or `workflow task`' }) name!: string;
  @ApiProperty({ ...INSTANT, description: 'Since when it has not moved' }) since!: string;
  @ApiProperty({ type: 'integer' }) attempt!: number;
  @ApiProperty({ type: String, nullable: true }) lastFailure!: string | null;
}

export class WorkflowSummary {
  @ApiProperty() workflowId!: string;
  @ApiProperty() runId!: string;
  @ApiProperty({ enum: WORKFLOW_KINDS }) kind!: WorkflowKind;
  @ApiProperty({ description: 'The exchange, series or support request id; empty if the workflow does not name one' }) entityId!: string;
  @ApiProperty({ type: [String], description: 'Codes of the organisations taking part' }) organizations!: string[];
  @ApiProperty({ type: () => WorkflowExecutionState }) execution!: WorkflowExecutionState;
  @ApiProperty({
    type: () => WorkflowBusinessState,
    nullable: true,
    description: "The row in Postgres; null when it is gone (or the workflow was never Liaison's)",
  })
  business!: WorkflowBusinessState | null;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'Its next deadline (the LiaisonNextDeadline search attribute)' })
  nextDeadline!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'acknowledgement due 2026-05-04T09:00:00.000Z',
    description: 'What it waits for, in words; null once closed, or when nothing is awaited or its row is gone',
  })
  waitingFor!: string | null;
  @ApiProperty({ description: 'Running, its next deadline passed more than ADMIN_LATE_AFTER ago' }) late!: boolean;
  @ApiProperty({
    type: () => StuckReason,
    nullable: true,
    description: 'Why it is stuck; computed for `stuck=true` listings and the detail, null otherwise or when not stuck',
  })
  stuck!: StuckReason | null;
  @ApiProperty({ type: () => WorkflowLinks }) links!: WorkflowLinks;
}

export class PendingTimer {
  @ApiProperty() timerId!: string;
  @ApiProperty(INSTANT) firesAt!: string;
}

export class PendingActivity {
  @ApiProperty() activityId!: string;
  @ApiProperty() activityType!: string;
  @ApiProperty({ enum: PENDING_ACTIVITY_STATES }) state!: PendingActivityState;
  @ApiProperty({ type: 'integer' }) attempt!: number;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When its current run of attempts was scheduled' }) scheduledAt!: string | null;
  @ApiProperty(INSTANT_OR_NULL) lastStartedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastFailure!: string | null;
}

/** A failure the history records. */
export class WorkflowFailure {
  @ApiProperty(INSTANT) at!: string;
  @ApiProperty({ enum: ['activity', 'workflow-task', 'workflow'] }) source!: string;
  @ApiProperty({ description: 'Its message with its causes' }) message!: string;
}

export class WorkflowDetail extends WorkflowSummary {
  @ApiProperty({ type: () => PendingTimer, isArray: true, description: 'Timers not yet fired; empty once closed' })
  pendingTimers!: PendingTimer[];
  @ApiProperty({ type: () => PendingActivity, isArray: true }) pendingActivities!: PendingActivity[];
  @ApiProperty({
    type: () => WorkflowFailure,
    nullable: true,
    description: 'The latest failure in the history (an activity, a workflow task or the workflow itself); null if none',
  })
  lastFailure!: WorkflowFailure | null;
}

/** Executions by kind and Temporal status, for the page's table and for /metrics. */
export interface WorkflowCount {
  kind: WorkflowKind;
  status: ExecutionStatus;
  count: number;
}

export class QueueCounts {
  @ApiProperty() queue!: string;
  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(QUEUE_STATES.map((state) => [state, { type: 'integer' }])),
    required: [...QUEUE_STATES],
    selfRequired: true,
    description: 'Jobs in each state',
  })
  counts!: Record<QueueState, number>;
  @ApiProperty({ type: 'integer', description: 'Workers listening' }) workers!: number;
}

export class QueuesResponse {
  @ApiProperty({ type: () => QueueCounts, isArray: true }) items!: QueueCounts[];
}

export interface ReminderFilter {
  status?: string;
  channel?: string;
  kind?: string;
  limit: number;
  cursor?: string;
}

export class AdminReminderPerson {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'Organisation code' }) organization!: string;
}

/** What a reminder is about. */
export class AdminReminderSubject {
  @ApiProperty({ enum: ['exchange', 'support-request'] }) type!: 'exchange' | 'support-request';
  @ApiProperty({ description: 'The exchange or support request id' }) id!: string;
  @ApiProperty() title!: string;
}

/** One reminder row as the admin sees it. */
export class AdminReminder {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Unique; also its queue job id' }) key!: string;
  @ApiProperty({ enum: REMINDER_KINDS }) kind!: string;
  @ApiProperty({ enum: CHANNELS }) channel!: string;
  @ApiProperty({ enum: REMINDER_STATUSES }) status!: string;
  @ApiProperty(INSTANT) dueAt!: string;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'Null until sent' }) sentAt!: string | null;
  @ApiProperty({ type: 'integer', description: 'Delivery attempts so far' }) attempts!: number;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ type: () => AdminReminderPerson }) person!: AdminReminderPerson;
  @ApiProperty({ type: () => AdminReminderSubject }) about!: AdminReminderSubject;
  @ApiProperty(INSTANT) updatedAt!: string;
}
