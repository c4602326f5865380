import { Inject, Injectable, Logger } from '@nestjs/common';
import { actorOf, AuditService, Principal } from '@liaison/access';
import { DomainError, Page } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { LiaisonEntityId, LiaisonNextDeadline, LiaisonOrganizations, TEMPORAL_CLIENT } from '@liaison/temporal';
import { Client, WorkflowExecutionDescription, WorkflowExecutionInfo, WorkflowNotFoundError } from '@temporalio/client';
import { executionInfoFromRaw } from '@temporalio/client/lib/helpers';
import type { temporal } from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { BusinessStates } from './business-state';
import { EXECUTION_STATUSES, StuckReason, WorkflowCount, WorkflowDetail, WorkflowFilter, WorkflowSummary } from './monitoring.types';
import { WORKFLOW_KINDS } from '@liaison/domain';
import { countQuery, executionStatusFromName, visibilityQuery } from './visibility-query';
import { cursorOf, tokenOf } from './workflow-cursor';
import { Execution, HistoryEvent, isoOf, kindOf, pendingActivityState, statusOf, stuckFrom } from './workflow-execution';
import { activitiesScheduledAt, failureMessage, lastFailure, pendingTimers, resetPoint } from './workflow-history';

export type ResetTarget = 'last-workflow-task' | 'first-workflow-task';

/** How many running workflows one request for stuck ones describes at most, and how many at once. */
const STUCK_SCAN_LIMIT = 500;
const DESCRIBE_CONCURRENCY = 8;

/** Temporal's view of every Liaison workflow (visibility, describe, history) joined to the business rows in Postgres. */
@Injectable()
export class WorkflowMonitor {
  private readonly logger = new Logger(WorkflowMonitor.name);

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly business: BusinessStates,
    private readonly audit: AuditService,
  ) {}

  /**
   * One page of workflows, newest first. With `stuck`, running workflows are described page by page
   * (at most STUCK_SCAN_LIMIT per call) and only the stuck ones kept, so such a page may hold fewer
   * than `limit` items while `nextCursor` still leads on.
   */
  async list(filter: WorkflowFilter): Promise<Page<WorkflowSummary>> {
    const query = visibilityQuery(this.config.temporal.taskQueue, filter, new Date(Date.now() - this.config.monitoring.lateAfterMs));
    if (query === null) return { items: [], nextCursor: null };
    let token = filter.cursor ? tokenOf(filter.cursor, this.config.adminToken) : undefined;
    const found: Array<{ info: WorkflowExecutionInfo; stuck: StuckReason | null }> = [];
    let scanned = 0;
    do {
      const pageSize = filter.stuck ? Math.min(100, STUCK_SCAN_LIMIT - scanned) : filter.limit - found.length;
      const page = await this.listPage(query, pageSize, token);
      token = page.nextPageToken;
      scanned += page.executions.length;
      if (filter.stuck) {
        const reasons = await mapLimited(page.executions, DESCRIBE_CONCURRENCY, (info) => this.stuckReason(info));
        page.executions.forEach((info, i) => reasons[i] && found.push({ info, stuck: reasons[i] }));
      } else {
        found.push(...page.executions.map((info) => ({ info, stuck: null })));
      }
    } while (token && found.length < filter.limit && (!filter.stuck || scanned < STUCK_SCAN_LIMIT));
    const items = await this.summaries(found.slice(0, filter.limit));
    return { items, nextCursor: token ? cursorOf(token, this.config.adminToken) : null };
  }

  /** One workflow with what it waits on: pending timers and activities, the last failure, and a Temporal UI link. */
  async detail(workflowId: string): Promise<WorkflowDetail> {
    const description = await this.describe(workflowId);
    const events = await this.history(workflowId, description.runId);
    const [summary] = await this.summaries([
      { info: description, stuck: stuckFrom(description, events, this.config.monitoring.stuckAfterMs) },
    ]);
    const scheduledAt = activitiesScheduledAt(events);
    return {
      ...summary,
      pendingTimers: description.status.name === 'RUNNING' ? pendingTimers(events) : [],
      pendingActivities: (description.raw.pendingActivities ?? []).map((activity) => ({
        activityId: activity.activityId ?? '',
        activityType: activity.activityType?.name ?? '',
        state: pendingActivityState(activity.state),
        attempt: activity.attempt ?? 1,
        scheduledAt: scheduledAt.get(activity.activityId ?? '') ?? isoOf(activity.scheduledTime),
        lastStartedAt: isoOf(activity.lastStartedTime),
        lastFailure: activity.lastFailure ? failureMessage(activity.lastFailure) : null,
      })),
      lastFailure: lastFailure(events),
    };
  }

  /** Executions per kind and Temporal status (one count query per kind: visibility groups by status only). */
  async counts(): Promise<WorkflowCount[]> {
    const perKind = await Promise.all(
      WORKFLOW_KINDS.map(async (kind) => {
        const { groups } = await this.temporal.workflow.count(countQuery(this.config.temporal.taskQueue, kind));
        const byStatus = new Map(
          groups.map((group) => [executionStatusFromName(String(group.groupValues[0] as unknown)), group.count] as const),
        );
        return EXECUTION_STATUSES.map((status) => ({ kind, status, count: byStatus.get(status) ?? 0 }));
      }),
    );
    return perKind.flat();
  }

  /** Ends a running workflow at once (no cleanup runs); the business row stays as it was. Audited. */
  async terminate(workflowId: string, reason: string, principal: Principal): Promise<WorkflowDetail> {
    const description = await this.describe(workflowId);
    if (description.status.name !== 'RUNNING') {
      throw DomainError.conflict('WORKFLOW.NOT_RUNNING', `cannot terminate: the workflow is ${statusOf(description)}`);
    }
    await this.temporal.workflow.getHandle(workflowId, description.runId).terminate(`${reason} (by ${actorLabel(principal)})`);
    await this.audit.record({
      actor: actorOf(principal),
      action: 'workflow.terminated',
      entityType: 'workflow',
      entityId: workflowId,
      fromState: 'running',
      toState: 'terminated',
      details: { reason, runId: description.runId },
    });
    this.logger.warn({ workflowId, runId: description.runId, reason }, 'workflow terminated by an admin');
    return this.detail(workflowId);
  }

  /**
   * Resets the latest run to a completed workflow task: a new run replays the history up to that
   * point with the code deployed now and carries on from there (the current run, if running, is
   * terminated). Activities are idempotent, so work they redo is not done twice. Audited.
   */
  async reset(workflowId: string, reason: string, to: ResetTarget, principal: Principal): Promise<WorkflowDetail> {
    const description = await this.describe(workflowId);
    const events = await this.history(workflowId, description.runId);
    const point = resetPoint(events, to);
    if (!point) throw DomainError.conflict('WORKFLOW.NO_RESET_POINT', 'cannot reset: the workflow has not completed a workflow task yet');
    const { runId } = (await this.temporal.workflowService.resetWorkflowExecution({
      namespace: this.config.temporal.namespace,
      workflowExecution: { workflowId, runId: description.runId },
      reason: `${reason} (by ${actorLabel(principal)})`,
      workflowTaskFinishEventId: point.eventId,
      requestId: randomUUID(),
    })) as temporal.api.workflowservice.v1.IResetWorkflowExecutionResponse;
    const eventId = Number(point.eventId);
    await this.audit.record({
      actor: actorOf(principal),
      action: 'workflow.reset',
      entityType: 'workflow',
      entityId: workflowId,
      fromState: statusOf(description),
      toState: 'running',
      details: { reason, to, eventId, fromRunId: description.runId, runId: runId ?? null },
    });
    this.logger.warn({ workflowId, fromRunId: description.runId, runId, eventId, reason }, 'workflow reset by an admin');
    return this.detail(workflowId);
  }

  private async listPage(query: string, pageSize: number, nextPageToken: Uint8Array | undefined) {
    const { namespace } = this.config.temporal;
    const response = await this.temporal.workflowService.listWorkflowExecutions({ namespace, query, pageSize, nextPageToken });
    const converter = this.temporal.options.loadedDataConverter;
    const executions = await Promise.all((response.executions ?? []).map((raw) => executionInfoFromRaw(raw, converter, raw, namespace)));
    const token = response.nextPageToken;
    return { executions: executions as WorkflowExecutionInfo[], nextPageToken: token && token.length > 0 ? token : undefined };
  }

  /** Describes a Liaison workflow of this deployment; anything else is a 404. */
  private async describe(workflowId: string): Promise<WorkflowExecutionDescription> {
    try {
      const description = await this.temporal.workflow.getHandle(workflowId).describe();
      if (description.taskQueue === this.config.temporal.taskQueue && kindOf(description)) return description;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error;
    }
    throw DomainError.notFound('WORKFLOW.NOT_FOUND', `no Liaison workflow ${workflowId}`);
  }

  private async history(workflowId: string, runId: string): Promise<HistoryEvent[]> {
    const history = await this.temporal.workflow.getHandle(workflowId, runId).fetchHistory();
    return history.events ?? [];
  }

  /**
   * Stuck: a workflow task nobody has taken (no worker polls) or that keeps failing, or an activity
   * retrying, for longer than ADMIN_STUCK_AFTER. A workflow waiting on a timer is not stuck: waiting
   * is its job. Only the candidates' histories are read, to date an activity's first attempt.
   */
  private async stuckReason(info: WorkflowExecutionInfo): Promise<StuckReason | null> {
    const description = await this.temporal.workflow.getHandle(info.workflowId, info.runId).describe();
    const retrying = (description.raw.pendingActivities ?? []).some((activity) => (activity.attempt ?? 1) > 1);
    const events = retrying ? await this.history(info.workflowId, info.runId) : [];
    return stuckFrom(description, events, this.config.monitoring.stuckAfterMs);
  }

  private async summaries(found: Array<{ info: Execution; stuck: StuckReason | null }>): Promise<WorkflowSummary[]> {
    const rows = found.map(({ info, stuck }) => ({
      info,
      stuck,
      kind: kindOf(info) ?? 'exchange',
      entityId: info.typedSearchAttributes.get(LiaisonEntityId) ?? '',
    }));
    const states = await this.business.of(rows);
    const lateBefore = Date.now() - this.config.monitoring.lateAfterMs;
    return rows.map(({ info, stuck, kind, entityId }) => {
      const state = states.get(`${kind}:${entityId}`);
      const nextDeadline = info.typedSearchAttributes.get(LiaisonNextDeadline) ?? null;
      const running = info.status.name === 'RUNNING';
      return {
        workflowId: info.workflowId,
        runId: info.runId,
        kind,
        entityId,
        organizations: info.typedSearchAttributes.get(LiaisonOrganizations) ?? [],
        execution: {
          status: statusOf(info),
          startedAt: info.startTime.toISOString(),
          closedAt: info.closeTime?.toISOString() ?? null,
          historyLength: info.historyLength,
        },
        business: state ? { status: state.status, title: state.title, updatedAt: state.updatedAt } : null,
        nextDeadline: nextDeadline?.toISOString() ?? null,
        waitingFor: running ? (state?.waitingFor ?? null) : null,
        late: running && nextDeadline !== null && nextDeadline.getTime() < lateBefore,
        stuck,
        links: { temporalUi: this.uiLink(info.workflowId, info.runId) },
      };
    });
  }

  private uiLink(workflowId: string, runId: string): string {
    const { namespace } = this.config.temporal;
    const path = [namespace, 'workflows', workflowId, runId, 'history'].map(encodeURIComponent);
    return `${this.config.monitoring.temporalUiUrl}/namespaces/${path.join('/')}`;
  }
}

function actorLabel(principal: Principal): string {
  const actor = actorOf(principal);
  return actor.id ? `${actor.type} ${actor.id}` : actor.type;
}

/** Maps with at most `limit` calls in flight, keeping the order. */
async function mapLimited<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  });
  await Promise.all(lanes);
  return results;
}
