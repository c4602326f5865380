import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@liaison/access';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { Recipient, Recipients, ReminderDispatcher, supportDeadlineReminders } from '@liaison/notifications';
import { OrganizationEntity, SupportRequestDeadlineEntity, SupportRequestEntity, SupportRequestEventEntity } from '@liaison/persistence';
import { FINAL_SUPPORT_STATUSES } from '@liaison/domain';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { calendarOf, decisionDue } from '../service-levels';
import { addWorkingMillis, WorkingCalendar, workingMillisBetween } from '../working-time';
import {
  DeadlineKind,
  DeadlineStage,
  DeadlineState,
  RecordStepInput,
  StepArgs,
  SupportRequestActivitiesContract,
  SupportStep,
} from './support-request-workflow.contract';

/** What each step writes on the request besides its status; the text it leaves on the timeline. */
const STEP_EFFECTS: Record<SupportStep, (args: StepArgs) => { fields: Partial<SupportRequestEntity>; body: string | null }> = {
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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly audit: AuditService,
    private readonly recipients: Recipients,
    private readonly reminders: ReminderDispatcher,
  ) {}

  async recordSupportStep(input: RecordStepInput): Promise<DeadlineState[]> {
    const { requestId, step, from, to, args } = input;
    await this.dataSource.transaction(async (manager) => {
      const request = await manager.findOne(SupportRequestEntity, { where: { id: requestId }, lock: { mode: 'pessimistic_write' } });
      if (!request || request.status !== from) return; // recorded already (a retried activity)
      const now = new Date();
      await this.moveDeadlines(manager, request, step, now);
      const effect = STEP_EFFECTS[step](args);
      await manager.update(SupportRequestEntity, { id: requestId }, { ...effect.fields, status: to });
      await manager.insert(SupportRequestEventEntity, {
        supportRequestId: requestId,
        at: now,
        kind: step,
        actorType: args.actor.type,
        actorId: args.actor.id,
        fromStatus: from,
        toStatus: to,
        body: effect.body,
        details: input.automatic ? { automatic: true } : null,
      });
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
        manager,
      );
    });
    this.logger.log({ supportRequestId: requestId, step, from, to }, 'support request step recorded');
    return this.deadlines(requestId);
  }

  /** Acknowledgement meets its deadline and starts the decision clock; a question pauses it, the answer resumes it; the decision meets it. */
  private async moveDeadlines(manager: EntityManager, request: SupportRequestEntity, step: SupportStep, now: Date): Promise<void> {
    const open = { supportRequestId: request.id, metAt: IsNull() };
    switch (step) {
      case 'acknowledge': {
        await manager.update(SupportRequestDeadlineEntity, { ...open, kind: 'acknowledge' }, { metAt: now });
        const calendar = await providerCalendar(manager, request);
        const dueAt = decisionDue(this.config.supportRequests, request.priority, now, calendar);
        await manager.insert(SupportRequestDeadlineEntity, { supportRequestId: request.id, kind: 'decision', dueAt });
        return;
      }
      case 'request-information':
        await manager.update(SupportRequestDeadlineEntity, { ...open, kind: 'decision', pausedAt: IsNull() }, { pausedAt: now });
        return;
      case 'provide-information': {
        const deadline = await manager.findOneBy(SupportRequestDeadlineEntity, { ...open, kind: 'decision' });
        if (!deadline?.pausedAt) return;
        const calendar = await providerCalendar(manager, request);
        const waited = workingMillisBetween(deadline.pausedAt, now, calendar);
        await manager.update(
          SupportRequestDeadlineEntity,
          { supportRequestId: request.id, kind: 'decision' },
          { dueAt: addWorkingMillis(deadline.dueAt, waited, calendar), pausedAt: null, revision: deadline.revision + 1 },
        );
        return;
      }
      case 'decide':
        await manager.update(SupportRequestDeadlineEntity, { ...open, kind: 'decision' }, { metAt: now });
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
  async remindSupportDeadline(input: { requestId: string; kind: DeadlineKind; revision: number; stage: DeadlineStage }): Promise<number> {
    const { requestId, kind, revision, stage } = input;
    const applies = await this.dataSource.transaction(async (manager): Promise<boolean> => {
      const request = await manager.findOne(SupportRequestEntity, { where: { id: requestId }, lock: { mode: 'pessimistic_write' } });
      const deadline = await manager.findOneBy(SupportRequestDeadlineEntity, { supportRequestId: requestId, kind });
      if (!request || !deadline || FINAL_SUPPORT_STATUSES.includes(request.status)) return false;
      if (deadline.metAt || deadline.pausedAt || deadline.revision !== revision) return false;
      const recipients = await this.recipientsOf(request, stage);
      const rows = supportDeadlineReminders(recipients, { supportRequestId: requestId, deadline: kind, revision, kind: stage });
      const written = await this.reminders.write(rows, manager);
      if (rows.length > 0 && written.length === 0) return true; // recorded by an earlier attempt
      if (stage !== 'support-reminder') {
        const column = stage === 'support-breach' ? 'breachedAt' : 'escalatedAt';
        if (deadline[column] === null)
          await manager.update(SupportRequestDeadlineEntity, { supportRequestId: requestId, kind }, { [column]: new Date() });
      }
      await manager.insert(SupportRequestEventEntity, {
        supportRequestId: requestId,
        kind: `deadline.${stage.replace('support-', '')}`,
        actorType: 'system',
        actorId: null,
        fromStatus: request.status,
        toStatus: request.status,
        body: null,
        details: { deadline: kind, dueAt: deadline.dueAt.toISOString(), recipients: recipients.map((r) => r.personId) },
      });
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
        manager,
      );
      return true;
    });
    if (!applies) return 0;
    await faultPause(this.config.faultPauseAt, 'support-deadline-stage.committed', (m) => this.logger.warn(m));
    const queued = await this.reminders.dispatchStage({ supportRequestId: requestId, deadline: kind, revision, kind: stage });
    this.logger.log({ supportRequestId: requestId, deadline: kind, stage, queued }, 'support request deadline followed up');
    return queued;
  }

  /** Before: the assignee (the providing coordinators while nobody is assigned). Breach: the providing coordinators. Then its senior level. */
  private async recipientsOf(request: SupportRequestEntity, stage: DeadlineStage): Promise<Recipient[]> {
    if (stage === 'support-reminder' && request.assigneeId) return this.recipients.persons([request.assigneeId]);
    if (stage === 'support-escalation') return this.recipients.seniorPeopleOf(request.providingOrganizationId);
    return this.recipients.coordinatorsOf(request.providingOrganizationId);
  }

  private async deadlines(requestId: string): Promise<DeadlineState[]> {
    const rows = await this.dataSource
      .getRepository(SupportRequestDeadlineEntity)
      .find({ where: { supportRequestId: requestId }, order: { dueAt: 'ASC' } });
    return rows.map(deadlineState);
  }
}

export function deadlineState(row: SupportRequestDeadlineEntity): DeadlineState {
  return { kind: row.kind, dueAt: row.dueAt.toISOString(), revision: row.revision, met: row.metAt !== null, paused: row.pausedAt !== null };
}

/** The working calendar the request's service levels run on: its providing organisation's. */
async function providerCalendar(manager: EntityManager, request: SupportRequestEntity): Promise<WorkingCalendar> {
  return calendarOf(await manager.findOneByOrFail(OrganizationEntity, { id: request.providingOrganizationId }));
}
