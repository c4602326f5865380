import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@liaison/access';
import { millisOf, OPEN_EXCHANGE_STATUSES, SYSTEM_ACTOR } from '@liaison/domain';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Actor, ActionItemTimer, FollowUpActivitiesContract } from '@liaison/domain';
import { followUpReminders, Recipients, ReminderDispatcher } from '@liaison/notifications';
import {
  ActionItemEntity,
  ActionItemsRepository,
  AgendaRepository,
  ExchangesRepository,
  FollowUpTimes,
  MinutesRepository,
  Transactions,
} from '@liaison/persistence';
import { ExchangeEvents } from '@liaison/exchanges';
import { FollowUpEvents } from '../events/follow-up-events';

const STAGE_COLUMN = { 'action-due': 'remindedAt', 'action-overdue': 'overdueAt', 'action-escalation': 'escalatedAt' } as const;

/**
 * The exchange workflow's side effects after scheduling: agenda freeze, minutes, action items.
 * Each is idempotent (keys, `IS NULL` guards, `ON CONFLICT DO NOTHING`), because Temporal may run
 * an activity more than once.
 */
@Injectable()
export class FollowUpActivities implements FollowUpActivitiesContract {
  private readonly logger = new Logger(FollowUpActivities.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly exchanges: ExchangesRepository,
    private readonly agenda: AgendaRepository,
    private readonly minutes: MinutesRepository,
    private readonly actionItems: ActionItemsRepository,
    private readonly audit: AuditService,
    private readonly reminders: ReminderDispatcher,
    private readonly recipients: Recipients,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly events: FollowUpEvents,
    private readonly exchangeEvents: ExchangeEvents,
  ) {}

  async freezeAgenda({ exchangeId, revision }: { exchangeId: string; revision: number }): Promise<void> {
    await this.transactions.run(async (uow) => {
      const exchange = await this.exchanges.lockForUpdate(exchangeId, uow);
      if (exchange.agendaFrozenAt || exchange.scheduleRevision !== revision || !OPEN_EXCHANGE_STATUSES.includes(exchange.status)) return;
      // Open action items of earlier occurrences and overdue support requests become items of the frozen agenda.
      const followUpsAdded = await this.agenda.appendFollowUpEntries(exchangeId, uow);
      await this.exchanges.update(exchangeId, { agendaFrozenAt: new Date() }, uow);
      await this.audit.record(
        {
          actor: SYSTEM_ACTOR,
          action: 'exchange.agenda.freeze',
          entityType: 'exchange',
          entityId: exchangeId,
          fromState: exchange.status,
          toState: exchange.status,
          details: { followUpsAdded },
        },
        uow,
      );
      await this.events.agendaFrozen(uow, exchangeId);
      this.logger.log({ exchangeId, followUpsAdded }, 'agenda frozen');
    });
  }

  async recordMinutesDraft(input: { exchangeId: string; version: number; text: string; actor: Actor }): Promise<void> {
    await this.transactions.run(async (uow) => {
      const { exchangeId, version, text } = input;
      if (!(await this.minutes.addVersion({ exchangeId, version, text, draftedBy: input.actor.id }, uow))) return;
      await this.audit.record(
        {
          actor: input.actor,
          action: 'exchange.minutes.draft',
          entityType: 'exchange',
          entityId: exchangeId,
          fromState: 'held',
          toState: 'held',
          details: { version, previousVersion: version - 1, characters: text.length },
        },
        uow,
      );
      await this.events.minutesChanged(uow, 'minutes.drafted', exchangeId);
    });
    this.logger.log({ exchangeId: input.exchangeId, version: input.version }, 'minutes drafted');
  }

  async recordMinutesApproval(input: {
    exchangeId: string;
    organization: string;
    version: number;
    actor: Actor;
    closes: boolean;
  }): Promise<void> {
    await this.transactions.run(async (uow) => {
      const { exchangeId, organization, version } = input;
      const approved = await this.minutes.addApproval({ exchangeId, organization, version, approvedBy: input.actor.id }, uow);
      if (approved) {
        await this.audit.record(
          {
            actor: input.actor,
            action: 'exchange.minutes.approve',
            entityType: 'exchange',
            entityId: exchangeId,
            fromState: 'held',
            toState: input.closes ? 'closed' : 'held',
            details: { organization, version },
          },
          uow,
        );
      }
      const closed = input.closes && (await this.minutes.lockAndClose(exchangeId, uow));
      // Written once the minutes are as this approval leaves them: locked, when it was the last.
      if (approved) await this.events.minutesChanged(uow, 'minutes.approved', exchangeId);
      if (!closed) return;
      await this.audit.record(
        {
          actor: SYSTEM_ACTOR,
          action: 'exchange.close',
          entityType: 'exchange',
          entityId: exchangeId,
          fromState: 'held',
          toState: 'closed',
          details: { minutesVersion: version },
        },
        uow,
      );
      await this.exchangeEvents.exchange(uow, 'exchange.closed', exchangeId);
      this.logger.log({ exchangeId, version }, 'minutes locked; exchange closed');
    });
  }

  /**
   * No minutes drafted by their deadline: the host's coordinators are reminded (`minutes`), and
   * later the host's senior-level participants told (`minutes-escalation`). The reminder rows and
   * the audit event commit together, then the rows are dispatched; a retry (the worker died before
   * the dispatch) inserts no row again, so records nothing again, and dispatches what is pending.
   */
  async remindMinutes({ exchangeId, stage }: { exchangeId: string; stage: 'minutes' | 'minutes-escalation' }): Promise<number> {
    const exchange = await this.exchanges.getById(exchangeId);
    const drafted = await this.minutes.drafted(exchangeId);
    if (drafted || exchange.status !== 'held') return 0;
    const recipients =
      stage === 'minutes'
        ? await this.recipients.coordinatorsOf(exchange.hostOrganizationId)
        : await this.recipients.seniorLevelOf(exchangeId, exchange.hostOrganizationId);
    const offset = stage === 'minutes' ? exchange.followUp.minutesDue : exchange.followUp.escalateAfter;
    const revision = exchange.scheduleRevision;
    const rows = followUpReminders(recipients, { exchangeId, revision, kind: stage, offset });
    await this.transactions.run(async (uow) => {
      const written = await this.reminders.write(rows, uow);
      if (rows.length > 0 && written.length === 0) return; // recorded by an earlier attempt
      await this.audit.record(
        {
          actor: SYSTEM_ACTOR,
          action: stage === 'minutes' ? 'exchange.minutes.remind' : 'exchange.minutes.escalate',
          entityType: 'exchange',
          entityId: exchangeId,
          fromState: 'held',
          toState: 'held',
          details: { recipients: recipients.map((r) => r.personId) },
        },
        uow,
      );
    });
    await faultPause(this.config.faultPauseAt, 'minutes-stage.committed', (m) => this.logger.warn(m));
    const queued = await this.reminders.dispatchStage({ exchangeId, revision, kind: stage });
    this.logger.log({ exchangeId, stage, queued }, 'minutes overdue: host told');
    return queued;
  }

  async planActionItems({ exchangeId }: { exchangeId: string }): Promise<ActionItemTimer[]> {
    const items = await this.actionItems.openOf(exchangeId);
    // A new exchange has none: its follow-up times are read only when there is something to time.
    const timers = items.length === 0 ? [] : actionItemTimers(items, (await this.exchanges.getById(exchangeId)).followUp);
    this.logger.log({ exchangeId, openItems: items.length, stages: timers.length }, 'action items planned');
    return timers;
  }

  /**
   * One stage of an action item: its owner before the due time and when overdue; the senior-level
   * participants of the owner's organisation after the grace period. Nothing if the item was
   * closed or changed meanwhile (another revision). The stage's marker, its reminder rows and its
   * audit event commit in one transaction, then the rows are dispatched: a retry after the commit
   * (the worker died before the dispatch) finds the stage done and dispatches its pending rows.
   */
  async remindActionItem({ actionItemId, revision, stage }: ActionItemTimer): Promise<number> {
    const item = await this.transactions.run(async (uow) => {
      const item = await this.actionItems.lock(actionItemId, uow);
      if (!item || item.status !== 'open' || item.revision !== revision) return null;
      if (item[STAGE_COLUMN[stage]] !== null) return item; // recorded by an earlier attempt
      const { organizationId, ...owner } = (await this.recipients.withOrganization(item.ownerId, uow))!;
      const recipients = stage === 'action-escalation' ? await this.recipients.seniorLevelOf(item.exchangeId, organizationId) : [owner];
      await this.reminders.write(
        followUpReminders(recipients, {
          exchangeId: item.exchangeId,
          actionItemId,
          revision,
          kind: stage,
          offset: stage,
          // Quiet hours may hold back a reminder ahead of the due time, not past it.
          before: stage === 'action-due' ? item.dueAt : null,
        }),
        uow,
      );
      await this.actionItems.markStage(item.id, STAGE_COLUMN[stage], uow);
      if (stage === 'action-overdue')
        await this.events.actionItem(uow, 'action-item.overdue', (await this.actionItems.lock(item.id, uow))!);
      await this.audit.record(
        {
          actor: SYSTEM_ACTOR,
          action: {
            'action-due': 'action-item.remind',
            'action-overdue': 'action-item.overdue',
            'action-escalation': 'action-item.escalate',
          }[stage],
          entityType: 'action-item',
          entityId: item.id,
          fromState: 'open',
          toState: 'open',
          details: { exchangeId: item.exchangeId, revision, recipients: recipients.map((r) => r.personId) },
        },
        uow,
      );
      return item;
    });
    if (!item) return 0;
    await faultPause(this.config.faultPauseAt, 'action-item-stage.committed', (m) => this.logger.warn(m));
    const queued = await this.reminders.dispatchStage({ actionItemId, revision, kind: stage });
    this.logger.log({ actionItemId, exchangeId: item.exchangeId, stage, queued }, 'action item followed up');
    return queued;
  }
}

/** The stages still to come of each open item, from the exchange's notice and grace periods. */
function actionItemTimers(
  items: ActionItemEntity[],
  followUp: Pick<FollowUpTimes, 'actionItemNotice' | 'actionItemGrace'>,
): ActionItemTimer[] {
  const notice = millisOf(followUp.actionItemNotice);
  const grace = millisOf(followUp.actionItemGrace);
  const timers: ActionItemTimer[] = [];
  for (const item of items) {
    const due = item.dueAt.getTime();
    const revised = item.revisedAt.getTime();
    const stages = [
      // Told before it is due, at once if the notice period had begun when the item was (re)made.
      { stage: 'action-due' as const, at: Math.max(due - notice, revised), applies: due > revised },
      { stage: 'action-overdue' as const, at: due, applies: due > revised },
      { stage: 'action-escalation' as const, at: due + grace, applies: due + grace > revised },
    ];
    for (const { stage, at, applies } of stages) {
      if (!applies || item[STAGE_COLUMN[stage]] !== null) continue;
      timers.push({ actionItemId: item.id, revision: item.revision, stage, at: new Date(at).toISOString() });
    }
  }
  return timers;
}
