import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@liaison/access';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { Recipients, ReminderDispatcher, supportDeadlineReminders } from '@liaison/notifications';
import {
  OrganizationsRepository,
  SupportRequestDeadlineEntity,
  SupportRequestEntity,
  SupportRequestsRepository,
  SupportRequestStepFields,
  Transactions,
  UnitOfWork,
} from '@liaison/persistence';
import {
  FINAL_SUPPORT_STATUSES,
  Recipient,
  RecordSupportStepInput,
  SupportDeadlineKind,
  SupportDeadlineStage,
  SupportDeadlineState,
  SupportRequestActivitiesContract,
  SupportStep,
  SupportStepArgs,
} from '@liaison/domain';
import { stepEventOf, SupportRequestEvents } from '../events/support-request-events';
import { calendarOf, decisionDue } from '../service-levels';
import { addWorkingMillis, WorkingCalendar, workingMillisBetween } from '../working-time';

/** What each step writes on the request besides its status; the text it leaves on the timeline. */
const STEP_EFFECTS: Record<SupportStep, (args: SupportStepArgs) => { fields: SupportRequestStepFields; body: string | null }> = {
  acknowledge: (a) => ({ fields: { assigneeId: a.assigneeId ?? null }, body: null }),
  'request-information': (a) => ({ fields: {}, body: a.question ?? null }),
  'provide-information': (a) => ({ fields: {}, body: a.answer ?? null }),
  recommend: (a) => ({
    fields: { recommendation: a.recommendation ?? null, recommendationRationale: a.rationale ?? null, recommendedBy: a.actor.id },
    body: a.rationale ?? null,
  }),
  decide: (a) => ({
    fields: { decision: a.decision ?? null, decisionRationale: a.rationale ?? null, decidedBy: a.actor.id },
    body: a.rationale ?? null,
  }),
  'start-delivery': () => ({ fields: {}, body: null }),
  deliver: (a) => ({ fields: { deliverySummary: a.summary ?? null }, body: a.summary ?? null }),
  close: () => ({ fields: {}, body: null }),
  withdraw: (a) => ({ fields: {}, body: a.reason ?? null }),
};

/**
 * The support-request workflow's writes. Each runs in one transaction under the request's row lock
 * and is idempotent: a step already recorded (the request is no longer in the step's `from` state)
 * writes nothing again, and a deadline stage already sent is not sent twice.
 */
@Injectable()
export class SupportRequestActivities implements SupportRequestActivitiesContract {
  private readonly logger = new Logger(SupportRequestActivities.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly requests: SupportRequestsRepository,
    private readonly organizations: OrganizationsRepository,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly audit: AuditService,
    private readonly recipients: Recipients,
    private readonly reminders: ReminderDispatcher,
    private readonly events: SupportRequestEvents,
  ) {}

  async recordSupportStep(input: RecordSupportStepInput): Promise<SupportDeadlineState[]> {
    const { requestId, step, from, to, args } = input;
    await this.transactions.run(async (uow) => {
      const request = await this.requests.lock(requestId, uow);
      if (!request || request.status !== from) return; // recorded already (a retried activity)
      const now = new Date();
      await this.moveDeadlines(uow, request, step, now);
      const effect = STEP_EFFECTS[step](args);
      await this.requests.setStatus(requestId, to, effect.fields, uow);
      await this.requests.recordEvent(
        {
          supportRequestId: requestId,
          at: now,
          kind: step,
          actorType: args.actor.type,
          actorId: args.actor.id,
          fromStatus: from,
          toStatus: to,
          body: effect.body,
          details: input.automatic ? { automatic: true } : null,
        },
        uow,
      );
      await this.audit.record(
        {
          actor: args.actor,
          action: `support-request.${step}`,
          entityType: 'support-request',
          entityId: requestId,
          fromState: from,
          toState: to,
          details: {
            ...(args.assigneeId ? { assigneeId: args.assigneeId } : {}),
            ...(args.recommendation ? { recommendation: args.recommendation } : {}),
            ...(args.decision ? { decision: args.decision } : {}),
            ...(input.automatic ? { automatic: true } : {}),
          },
        },
        uow,
      );
      await this.events.record(uow, stepEventOf(to), requestId, { step, fromStatus: from, toStatus: to });
    });
    this.logger.log({ supportRequestId: requestId, step, from, to }, 'support request step recorded');
    return this.deadlines(requestId);
  }

  /** Acknowledgement meets its deadline and starts the decision clock; a question pauses it, the answer resumes it; the decision meets it. */
  private async moveDeadlines(uow: UnitOfWork, request: SupportRequestEntity, step: SupportStep, now: Date): Promise<void> {
    switch (step) {
      case 'acknowledge': {
        await this.requests.meetDeadline(request.id, 'acknowledge', now, uow);
        const calendar = await this.providerCalendar(request, uow);
        const dueAt = decisionDue(this.config.supportRequests, request.priority, now, calendar);
        await this.requests.addDeadline(request.id, 'decision', dueAt, uow);
        return;
      }
      case 'request-information':
        await this.requests.pauseDeadline(request.id, 'decision', now, uow);
        return;
      case 'provide-information': {
        const deadline = await this.requests.openDeadline(request.id, 'decision', uow);
        if (!deadline?.pausedAt) return;
        const calendar = await this.providerCalendar(request, uow);
        const waited = workingMillisBetween(deadline.pausedAt, now, calendar);
        const dueAt = addWorkingMillis(deadline.dueAt, waited, calendar);
        await this.requests.resumeDeadline(request.id, 'decision', dueAt, deadline.revision + 1, uow);
        return;
      }
      case 'decide':
        await this.requests.meetDeadline(request.id, 'decision', now, uow);
        return;
      default:
        return;
    }
  }

  /**
   * One stage of a deadline. Its reminder rows, the breach or escalation mark, the timeline event
   * and the audit event commit in one transaction; then the rows are dispatched. A retry after the
   * commit (the worker died before the dispatch) inserts no row again, so records nothing again,
   * and dispatches the stage's pending rows.
   */
  async remindSupportDeadline(input: {
    requestId: string;
    kind: SupportDeadlineKind;
    revision: number;
    stage: SupportDeadlineStage;
  }): Promise<number> {
    const { requestId, kind, revision, stage } = input;
    const applies = await this.transactions.run(async (uow): Promise<boolean> => {
      const request = await this.requests.lock(requestId, uow);
      const deadline = await this.requests.deadline(requestId, kind, uow);
      if (!request || !deadline || FINAL_SUPPORT_STATUSES.includes(request.status)) return false;
      if (deadline.metAt || deadline.pausedAt || deadline.revision !== revision) return false;
      const recipients = await this.recipientsOf(request, stage);
      const rows = supportDeadlineReminders(recipients, {
        supportRequestId: requestId,
        deadline: kind,
        revision,
        kind: stage,
        // Quiet hours may hold back a reminder ahead of the deadline, not past it.
        before: stage === 'support-reminder' ? deadline.dueAt : null,
      });
      const written = await this.reminders.write(rows, uow);
      if (rows.length > 0 && written.length === 0) return true; // recorded by an earlier attempt
      const column = stage === 'support-breach' ? 'breachedAt' : stage === 'support-escalation' ? 'escalatedAt' : null;
      // The first time this breach or escalation is marked: its event, once.
      const marks = column !== null && deadline[column] === null;
      if (marks) await this.requests.markDeadline(requestId, kind, column, new Date(), uow);
      await this.requests.recordEvent(
        {
          supportRequestId: requestId,
          kind: `deadline.${stage.replace('support-', '')}`,
          actorType: 'system',
          actorId: null,
          fromStatus: request.status,
          toStatus: request.status,
          body: null,
          details: { deadline: kind, dueAt: deadline.dueAt.toISOString(), recipients: recipients.map((r) => r.personId) },
        },
        uow,
      );
      await this.audit.record(
        {
          actor: { type: 'system', id: null },
          action: `support-request.deadline.${stage.replace('support-', '')}`,
          entityType: 'support-request',
          entityId: requestId,
          fromState: request.status,
          toState: request.status,
          details: { deadline: kind, revision, recipients: recipients.length },
        },
        uow,
      );
      if (marks)
        await this.events.record(uow, column === 'breachedAt' ? 'support-request.breached' : 'support-request.escalated', requestId);
      return true;
    });
    if (!applies) return 0;
    await faultPause(this.config.faultPauseAt, 'support-deadline-stage.committed', (m) => this.logger.warn(m));
    const queued = await this.reminders.dispatchStage({ supportRequestId: requestId, deadline: kind, revision, kind: stage });
    this.logger.log({ supportRequestId: requestId, deadline: kind, stage, queued }, 'support request deadline followed up');
    return queued;
  }

  /** Before: the assignee (the providing coordinators while nobody is assigned). Breach: the providing coordinators. Then its senior level. */
  private async recipientsOf(request: SupportRequestEntity, stage: SupportDeadlineStage): Promise<Recipient[]> {
    if (stage === 'support-reminder' && request.assigneeId) return this.recipients.persons([request.assigneeId]);
    if (stage === 'support-escalation') return this.recipients.seniorPeopleOf(request.providingOrganizationId);
    return this.recipients.coordinatorsOf(request.providingOrganizationId);
  }

  /** The working calendar the request's service levels run on: its providing organisation's. */
  private async providerCalendar(request: SupportRequestEntity, uow: UnitOfWork): Promise<WorkingCalendar> {
    return calendarOf(await this.organizations.byId(request.providingOrganizationId, uow));
  }

  private async deadlines(requestId: string): Promise<SupportDeadlineState[]> {
    const rows = await this.requests.deadlines(requestId);
    return rows.map(deadlineState);
  }
}

export function deadlineState(row: SupportRequestDeadlineEntity): SupportDeadlineState {
  return { kind: row.kind, dueAt: row.dueAt.toISOString(), revision: row.revision, met: row.metAt !== null, paused: row.pausedAt !== null };
}
