import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@liaison/access';
import { millisOf } from '@liaison/domain';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Actor, ActionItemTimer, FollowUpActivitiesContract } from '@liaison/exchanges';
import { followUpReminders, Recipient, recipientColumns, Recipients, ReminderDispatcher } from '@liaison/notifications';
import { ActionItemEntity, ExchangeEntity, lockExchange, updateReturning } from '@liaison/persistence';
import { DataSource } from 'typeorm';
import { followUpEntriesSql } from '../agenda/follow-up-entries';

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
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly reminders: ReminderDispatcher,
    private readonly recipients: Recipients,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async freezeAgenda({ exchangeId, revision }: { exchangeId: string; revision: number }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const exchange = await lockExchange(manager, exchangeId);
      if (exchange.agendaFrozenAt || exchange.scheduleRevision !== revision || !['scheduled', 'confirmed'].includes(exchange.status))
        return;
      // Open action items of earlier occurrences and overdue support requests become items of the frozen agenda.
      const carried = await updateReturning<{ id: string }>(
        manager,
        `INSERT INTO agenda_items (exchange_id, position, title, area_code, proposing_organization_id, owner_id, accepted_by,
                                   action_item_id, support_request_id)
         SELECT $1, COALESCE((SELECT MAX(position) FROM agenda_items WHERE exchange_id = $1), 0) + f.rank,
                f.title, f.area_code, f.organization_id, f.owner_id, f.accepted_by, f.action_item_id, f.support_request_id
           FROM (${followUpEntriesSql('$1')}) f
         RETURNING id`,
        [exchangeId],
      );
      await manager.update(ExchangeEntity, { id: exchangeId }, { agendaFrozenAt: new Date() });
      await this.audit.record(
        {
          actor: { type: 'system', id: null },
          action: 'exchange.agenda.freeze',
          entityType: 'exchange',
          entityId: exchangeId,
          fromState: exchange.status,
          toState: exchange.status,
          details: { followUpsAdded: carried.length },
        },
        manager,
      );
      this.logger.log({ exchangeId, followUpsAdded: carried.length }, 'agenda frozen');
    });
  }

  async recordMinutesDraft(input: { exchangeId: string; version: number; text: string; actor: Actor }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const inserted = await updateReturning(
        manager,
        `INSERT INTO minutes_versions (exchange_id, version, text, drafted_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING version`,
        [input.exchangeId, input.version, input.text, input.actor.id],
      );
      if (inserted.length === 0) return;
      await this.audit.record(
        {
          actor: input.actor,
          action: 'exchange.minutes.draft',
          entityType: 'exchange',
          entityId: input.exchangeId,
          fromState: 'held',
          toState: 'held',
          details: { version: input.version, previousVersion: input.version - 1, characters: input.text.length },
        },
        manager,
      );
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
    await this.dataSource.transaction(async (manager) => {
      const inserted = await updateReturning(
        manager,
        `INSERT INTO minutes_approvals (exchange_id, organization_id, version, approved_by)
         SELECT $1, o.id, $3, $4 FROM organizations o WHERE o.code = $2
         ON CONFLICT DO NOTHING RETURNING version`,
        [input.exchangeId, input.organization, input.version, input.actor.id],
      );
      if (inserted.length > 0) {
        await this.audit.record(
          {
            actor: input.actor,
            action: 'exchange.minutes.approve',
            entityType: 'exchange',
            entityId: input.exchangeId,
            fromState: 'held',
            toState: input.closes ? 'closed' : 'held',
            details: { organization: input.organization, version: input.version },
          },
          manager,
        );
      }
      if (!input.closes) return;
      const closed = await updateReturning(
        manager,
        `UPDATE exchanges SET status = 'closed', minutes_locked_at = now(), updated_at = now()
          WHERE id = $1 AND status = 'held' RETURNING id`,
        [input.exchangeId],
      );
      if (closed.length === 0) return;
      await this.audit.record(
        {
          actor: { type: 'system', id: null },
          action: 'exchange.close',
          entityType: 'exchange',
          entityId: input.exchangeId,
          fromState: 'held',
          toState: 'closed',
          details: { minutesVersion: input.version },
        },
        manager,
      );
      this.logger.log({ exchangeId: input.exchangeId, version: input.version }, 'minutes locked; exchange closed');
    });
  }

  /**
   * No minutes drafted by their deadline: the host's coordinators are reminded (`minutes`), and
   * later the host's senior-level participants told (`minutes-escalation`). The reminder rows and
   * the audit event commit together, then the rows are dispatched; a retry (the worker died before
   * the dispatch) inserts no row again, so records nothing again, and dispatches what is pending.
   */
  async remindMinutes({ exchangeId, stage }: { exchangeId: string; stage: 'minutes' | 'minutes-escalation' }): Promise<number> {
    const exchange = await this.dataSource.getRepository(ExchangeEntity).findOneByOrFail({ id: exchangeId });
    const [{ drafted }]: Array<{ drafted: boolean }> = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM minutes_versions WHERE exchange_id = $1) AS drafted`,
      [exchangeId],
    );
    if (drafted || exchange.status !== 'held') return 0;
    const recipients =
      stage === 'minutes'
        ? await this.recipients.coordinatorsOf(exchange.hostOrganizationId)
        : await this.seniorLevelOf(exchangeId, exchange.hostOrganizationId);
    const offset = stage === 'minutes' ? exchange.followUp.minutesDue : exchange.followUp.escalateAfter;
    const revision = exchange.scheduleRevision;
    const rows = followUpReminders(recipients, { exchangeId, revision, kind: stage, offset });
    await this.dataSource.transaction(async (manager) => {
      const written = await this.reminders.write(rows, manager);
      if (rows.length > 0 && written.length === 0) return; // recorded by an earlier attempt
      await this.audit.record(
        {
          actor: { type: 'system', id: null },
          action: stage === 'minutes' ? 'exchange.minutes.remind' : 'exchange.minutes.escalate',
          entityType: 'exchange',
          entityId: exchangeId,
          fromState: 'held',
          toState: 'held',
          details: { recipients: recipients.map((r) => r.personId) },
        },
        manager,
      );
    });
    await faultPause(this.config.faultPauseAt, 'minutes-stage.committed', (m) => this.logger.warn(m));
    const queued = await this.reminders.dispatchStage({ exchangeId, revision, kind: stage });
    this.logger.log({ exchangeId, stage, queued }, 'minutes overdue: host told');
    return queued;
  }

  async planActionItems({ exchangeId }: { exchangeId: string }): Promise<ActionItemTimer[]> {
    const exchange = await this.dataSource.getRepository(ExchangeEntity).findOneByOrFail({ id: exchangeId });
    const items = await this.dataSource.getRepository(ActionItemEntity).findBy({ exchangeId, status: 'open' });
    const notice = millisOf(exchange.followUp.actionItemNotice);
    const grace = millisOf(exchange.followUp.actionItemGrace);
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
    const item = await this.dataSource.transaction(async (manager) => {
      const item = await manager.findOne(ActionItemEntity, { where: { id: actionItemId }, lock: { mode: 'pessimistic_write' } });
      if (!item || item.status !== 'open' || item.revision !== revision) return null;
      if (item[STAGE_COLUMN[stage]] !== null) return item; // recorded by an earlier attempt
      const [{ organizationId, ...owner }]: Array<Recipient & { organizationId: string }> = await manager.query(
        `SELECT organization_id AS "organizationId", ${recipientColumns()} FROM people WHERE id = $1`,
        [item.ownerId],
      );
      const recipients = stage === 'action-escalation' ? await this.seniorLevelOf(item.exchangeId, organizationId) : [owner];
      await this.reminders.write(
        followUpReminders(recipients, { exchangeId: item.exchangeId, actionItemId, revision, kind: stage, offset: stage }),
        manager,
      );
      await manager.update(ActionItemEntity, { id: item.id }, { [STAGE_COLUMN[stage]]: new Date() });
      await this.audit.record(
        {
          actor: { type: 'system', id: null },
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
        manager,
      );
      return item;
    });
    if (!item) return 0;
    await faultPause(this.config.faultPauseAt, 'action-item-stage.committed', (m) => this.logger.warn(m));
    const queued = await this.reminders.dispatchStage({ actionItemId, revision, kind: stage });
    this.logger.log({ actionItemId, exchangeId: item.exchangeId, stage, queued }, 'action item followed up');
    return queued;
  }

  /** The organisation's senior-level participants of the exchange; if it sent none, its senior-level people. */
  private async seniorLevelOf(exchangeId: string, organizationId: string): Promise<Recipient[]> {
    const participants: Recipient[] = await this.dataSource.query(
      `SELECT ${recipientColumns('p')}
         FROM exchange_participants ep JOIN people p ON p.id = ep.person_id
        WHERE ep.exchange_id = $1 AND p.organization_id = $2 AND p.level = 'senior' ORDER BY p.id`,
      [exchangeId, organizationId],
    );
    return participants.length > 0 ? participants : this.recipients.seniorPeopleOf(organizationId);
  }
}
