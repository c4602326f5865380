import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@liaison/access';
import { millisOf } from '@liaison/domain';
import {
  channelsOf,
  followUpReminders,
  PENDING_REMINDER_STATUSES,
  Recipient,
  recipientColumns,
  reminderKey,
  ReminderDispatcher,
  ReminderQueue,
} from '@liaison/notifications';
import { ExchangeEntity, lockExchange, ReminderEntity, updateReturning } from '@liaison/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor, ExchangeActivitiesContract, ExchangeWorkflowStatus, ReminderSlot } from './exchange-workflow.contract';

/**
 * The exchange workflow's side effects: every state change it makes lands in Postgres here,
 * with an audit event, and due reminders leave here for the queue. Each activity is idempotent,
 * because Temporal may run it more than once.
 */
@Injectable()
export class ExchangeActivities implements ExchangeActivitiesContract {
  private readonly logger = new Logger(ExchangeActivities.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly queue: ReminderQueue,
    private readonly reminders: ReminderDispatcher,
  ) {}

  /** Writes the reminder rows of this schedule revision; those already due are `skipped`. */
  async planReminders({
    exchangeId,
    revision,
    startsAt,
  }: {
    exchangeId: string;
    revision: number;
    startsAt: string;
  }): Promise<ReminderSlot[]> {
    const exchange = await this.dataSource.getRepository(ExchangeEntity).findOneByOrFail({ id: exchangeId });
    const recipients: Recipient[] = await this.dataSource.query(
      `SELECT ${recipientColumns('p')} FROM exchange_participants ep JOIN people p ON p.id = ep.person_id WHERE ep.exchange_id = $1`,
      [exchangeId],
    );
    const start = Date.parse(startsAt);
    const now = Date.now();
    const rows: Partial<ReminderEntity>[] = [];
    for (const offset of exchange.reminderOffsets) {
      const dueAt = new Date(start - millisOf(offset));
      for (const person of recipients) {
        for (const channel of channelsOf(person)) {
          rows.push({
            key: reminderKey({
              exchangeId,
              revision,
              offset,
              personId: person.personId,
              channel,
            }),
            exchangeId,
            revision,
            personId: person.personId,
            channel,
            offset,
            dueAt,
            status: dueAt.getTime() <= now ? 'skipped' : 'scheduled',
          });
        }
      }
    }
    if (rows.length > 0) {
      await this.dataSource.createQueryBuilder().insert().into(ReminderEntity).values(rows).orIgnore().execute();
    }
    const pending = await this.dataSource.getRepository(ReminderEntity).find({
      where: { exchangeId, revision, status: 'scheduled' },
      order: { dueAt: 'ASC' },
    });
    const slots = new Map<string, ReminderSlot>();
    for (const reminder of pending) {
      const id = `${reminder.offset}/${reminder.channel}`;
      const slot = slots.get(id) ?? {
        offset: reminder.offset,
        channel: reminder.channel,
        dueAt: reminder.dueAt.toISOString(),
        keys: [],
      };
      slot.keys.push(reminder.key);
      slots.set(id, slot);
    }
    this.logger.log({ exchangeId, revision, planned: rows.length, pending: pending.length }, 'reminders planned');
    return [...slots.values()];
  }

  /** Marks the reminders queued and enqueues one job each, the reminder key as job id. */
  async dispatchReminders({ exchangeId, revision, keys }: { exchangeId: string; revision: number; keys: string[] }): Promise<number> {
    const queued = await this.reminders.dispatch(keys);
    this.logger.log({ exchangeId, revision, queued }, 'reminders queued');
    return queued;
  }

  async recordConfirmation(input: {
    exchangeId: string;
    organization: string;
    status: ExchangeWorkflowStatus;
    actor: Actor;
  }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const confirmed = await updateReturning(
        manager,
        `UPDATE exchange_organizations eo SET confirmed_at = now(), confirmed_by = $3
           FROM organizations o
          WHERE eo.exchange_id = $1 AND eo.organization_id = o.id AND o.code = $2 AND eo.confirmed_at IS NULL
          RETURNING eo.exchange_id`,
        [input.exchangeId, input.organization, input.actor.id],
      );
      if (confirmed.length === 0) return;
      const from = await this.setStatus(manager, input.exchangeId, input.status);
      await this.audit.record(
        {
          actor: input.actor,
          action: 'exchange.confirm',
          entityType: 'exchange',
          entityId: input.exchangeId,
          fromState: from,
          toState: input.status,
          details: { organization: input.organization },
        },
        manager,
      );
    });
  }

  async recordReschedule(input: {
    exchangeId: string;
    startsAt: string;
    durationMinutes: number;
    revision: number;
    reason: string;
    actor: Actor;
    detach: boolean;
  }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const exchange = await lockExchange(manager, input.exchangeId);
      if (exchange.scheduleRevision >= input.revision) return;
      const previous = exchange.startsAt.toISOString();
      await manager.update(
        ExchangeEntity,
        { id: input.exchangeId },
        {
          startsAt: new Date(input.startsAt),
          durationMinutes: input.durationMinutes,
          scheduleRevision: input.revision,
          // Moved later than its freeze: the agenda is open again until the new freeze.
          ...(Date.parse(input.startsAt) - millisOf(exchange.followUp.agendaFreeze) > Date.now() ? { agendaFrozenAt: null } : {}),
          ...(input.detach ? { detached: true } : {}),
        },
      );
      const cancelled = await this.cancelPendingReminders(manager, input.exchangeId, input.revision);
      await this.audit.record(
        {
          actor: input.actor,
          action: 'exchange.reschedule',
          entityType: 'exchange',
          entityId: input.exchangeId,
          fromState: exchange.status,
          toState: exchange.status,
          details: {
            from: previous,
            to: new Date(input.startsAt).toISOString(),
            reason: input.reason,
            revision: input.revision,
            remindersCancelled: cancelled,
          },
        },
        manager,
      );
    });
  }

  async recordCancellation(input: { exchangeId: string; reason: string; actor: Actor; detach: boolean }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const from = await this.setStatus(manager, input.exchangeId, 'cancelled', {
        cancelReason: input.reason,
        ...(input.detach ? { detached: true } : {}),
      });
      const cancelled = await this.cancelPendingReminders(manager, input.exchangeId);
      if (from === 'cancelled') return;
      await this.audit.record(
        {
          actor: input.actor,
          action: 'exchange.cancel',
          entityType: 'exchange',
          entityId: input.exchangeId,
          fromState: from,
          toState: 'cancelled',
          details: { reason: input.reason, remindersCancelled: cancelled },
        },
        manager,
      );
    });
    // Participants who receive e-mail get an iMIP CANCEL for the event their invitations created.
    const recipients: Array<{ id: string }> = await this.dataSource.query(
      `SELECT p.id FROM exchange_participants ep JOIN people p ON p.id = ep.person_id WHERE ep.exchange_id = $1 AND p.email_enabled`,
      [input.exchangeId],
    );
    await this.queue.enqueueCancellations(
      input.exchangeId,
      recipients.map((r) => r.id),
    );
  }

  async recordHeld({ exchangeId }: { exchangeId: string }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const from = await this.setStatus(manager, exchangeId, 'held');
      if (from === 'held') return;
      await this.audit.record(
        {
          actor: { type: 'system', id: null },
          action: 'exchange.held',
          entityType: 'exchange',
          entityId: exchangeId,
          fromState: from,
          toState: 'held',
        },
        manager,
      );
    });
  }

  /**
   * A confirmation deadline has passed: each organisation that has not confirmed is told, its
   * coordinators first (`confirmation`), its senior-level participants after a further interval
   * (`escalation`). Each message is a reminder row of that kind, delivered by the notifier like
   * any other (inbox and e-mail), its key making it once.
   */
  async remindUnconfirmed({
    exchangeId,
    revision,
    stage,
  }: {
    exchangeId: string;
    revision: number;
    stage: 'confirmation' | 'escalation';
  }): Promise<number> {
    const exchange = await this.dataSource.getRepository(ExchangeEntity).findOneByOrFail({ id: exchangeId });
    const recipients: Array<Recipient & { code: string }> = await this.dataSource.query(
      stage === 'confirmation'
        ? `SELECT ${recipientColumns('p')}, o.code
             FROM exchange_organizations eo JOIN organizations o ON o.id = eo.organization_id
             JOIN people p ON p.organization_id = eo.organization_id AND 'coordinator' = ANY(p.roles)
            WHERE eo.exchange_id = $1 AND eo.confirmed_at IS NULL`
        : `SELECT ${recipientColumns('p')}, o.code
             FROM exchange_organizations eo JOIN organizations o ON o.id = eo.organization_id
             JOIN exchange_participants ep ON ep.exchange_id = eo.exchange_id
             JOIN people p ON p.id = ep.person_id AND p.organization_id = eo.organization_id AND p.level = 'senior'
            WHERE eo.exchange_id = $1 AND eo.confirmed_at IS NULL`,
      [exchangeId],
    );
    const offset = stage === 'confirmation' ? exchange.followUp.confirmationDeadline : exchange.followUp.escalateAfter;
    const rows = followUpReminders(recipients, { exchangeId, revision, kind: stage, offset });
    await this.reminders.write(rows);
    const organizations = [...new Set(recipients.map((r) => r.code))];
    await this.dataSource.transaction(async (manager) => {
      const column = stage === 'confirmation' ? 'reminded_at' : 'escalated_at';
      const marked = await updateReturning<{ code: string }>(
        manager,
        `UPDATE exchange_organizations eo SET ${column} = COALESCE(eo.${column}, now())
           FROM organizations o
          WHERE eo.exchange_id = $1 AND eo.organization_id = o.id AND eo.confirmed_at IS NULL AND eo.${column} IS NULL
          RETURNING o.code`,
        [exchangeId],
      );
      for (const { code } of marked) {
        await this.audit.record(
          {
            actor: { type: 'system', id: null },
            action: stage === 'confirmation' ? 'exchange.confirmation.remind' : 'exchange.confirmation.escalate',
            entityType: 'exchange',
            entityId: exchangeId,
            fromState: exchange.status,
            toState: exchange.status,
            details: { organization: code, recipients: recipients.filter((r) => r.code === code).map((r) => r.personId) },
          },
          manager,
        );
      }
    });
    const queued = await this.reminders.dispatch(rows.map((r) => r.key!));
    this.logger.log({ exchangeId, stage, organizations, queued }, 'unconfirmed organisations told');
    return queued;
  }

  /** Sets the status under a row lock and returns the one it replaced. */
  private async setStatus(
    manager: EntityManager,
    exchangeId: string,
    status: ExchangeWorkflowStatus,
    extra: Partial<ExchangeEntity> = {},
  ): Promise<ExchangeWorkflowStatus> {
    const exchange = await lockExchange(manager, exchangeId);
    if (exchange.status !== status || Object.keys(extra).length > 0) {
      await manager.update(ExchangeEntity, { id: exchangeId }, { status, ...extra });
    }
    return exchange.status;
  }

  /** Pending reminders of the exchange (of revisions before `beforeRevision`, when given) will never be sent. */
  private async cancelPendingReminders(manager: EntityManager, exchangeId: string, beforeRevision?: number): Promise<number> {
    const rows = await updateReturning(
      manager,
      `UPDATE reminders SET status = 'cancelled', updated_at = now()
        WHERE exchange_id = $1 AND status = ANY($2) AND ($3::int IS NULL OR revision < $3)
        RETURNING id`,
      [exchangeId, PENDING_REMINDER_STATUSES, beforeRevision ?? null],
    );
    return rows.length;
  }
}
