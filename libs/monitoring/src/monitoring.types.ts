/** What the admin API and the admin page show about workflows, queues and failed deliveries. */
import type { QueueState } from '@liaison/notifications';
import type { WorkflowKind } from '@liaison/domain';

/** Temporal's execution status, in the API's spelling. */
export const EXECUTION_STATUSES = ['running', 'completed', 'failed', 'cancelled', 'terminated', 'continued-as-new', 'timed-out'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

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

export interface WorkflowSummary {
  workflowId: string;
  runId: string;
  kind: WorkflowKind;
  /** The exchange, series or support request id. */
  entityId: string;
  organizations: string[];
  execution: {
    status: ExecutionStatus;
    startedAt: string;
    closedAt: string | null;
    historyLength: number;
  };
  /** The row in Postgres; null when it is gone (or the workflow was never Liaison's). */
  business: { status: string; title: string; updatedAt: string } | null;
  /** The LiaisonNextDeadline search attribute. */
  nextDeadline: string | null;
  /** What the workflow waits for, in words ("acknowledgement due 2026-05-04T09:00:00Z"). */
  waitingFor: string | null;
  late: boolean;
  /** Set when the listing was asked for stuck workflows, or on the detail; null when not computed. */
  stuck: StuckReason | null;
  links: { temporalUi: string };
}

/** Why a workflow counts as stuck: the oldest thing that should have moved and has not. */
export interface StuckReason {
  /** `activity`: an activity retrying; `workflow-task`: a workflow task nobody took or that keeps failing. */
  what: 'activity' | 'workflow-task';
  name: string;
  since: string;
  attempt: number;
  lastFailure: string | null;
}

export interface WorkflowDetail extends WorkflowSummary {
  pendingTimers: Array<{ timerId: string; firesAt: string }>;
  pendingActivities: Array<{
    activityId: string;
    activityType: string;
    state: string;
    attempt: number;
    scheduledAt: string | null;
    lastStartedAt: string | null;
    lastFailure: string | null;
  }>;
  /** The latest failure in the history (activity, workflow task or the workflow itself), if any. */
  lastFailure: { at: string; source: string; message: string } | null;
}

/** Executions by kind and Temporal status, for the page's table and for /metrics. */
export interface WorkflowCount {
  kind: WorkflowKind;
  status: ExecutionStatus;
  count: number;
}

export interface QueueCounts {
  queue: string;
  counts: Record<QueueState, number>;
  workers: number;
}

export interface ReminderFilter {
  status?: string;
  channel?: string;
  kind?: string;
  limit: number;
  cursor?: string;
}

/** One reminder row as the admin sees it. */
export interface AdminReminder {
  id: string;
  key: string;
  kind: string;
  channel: string;
  status: string;
  dueAt: string;
  sentAt: string | null;
  attempts: number;
  lastError: string | null;
  person: { id: string; name: string; organization: string };
  about: { type: 'exchange' | 'support-request'; id: string; title: string };
  updatedAt: string;
}
