import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@liaison/access';
import { millisOf, SYSTEM_ACTOR } from '@liaison/domain';
import type { Actor, ExchangeActivitiesContract, ExchangeStatus, Recipient, RecordRescheduleInput, ReminderSlot } from '@liaison/domain';
import {
  CalendarUpdates,
  exchangeReminders,
  followUpReminders,
  Recipients,
  ReminderDispatcher,
  ReminderQueue,
} from '@liaison/notifications';
import {
  AttendanceRepository,
  ExchangeEntity,
  ExchangesRepository,
  RemindersRepository,
  Transactions,
  UnitOfWork,
} from '@liaison/persistence';
import { ExchangeEvents } from '../events/exchange-events';

/**
 * The exchange workflow's side effects: every state change it makes lands in Postgres here,
 * with an audit event, and due reminders leave here for the queue. Each activity is idempotent,
 * because Temporal may run it more than once.
 */
@Injectable()
export class ExchangeActivities implements ExchangeActivitiesContract {
  private readonly logger = new Logger(ExchangeActivities.name);

  constructor(
    private readonly exchanges: ExchangesRepository,
    private readonly reminderRows: RemindersRepository,
    private readonly transactions: Transactions,
    private readonly recipients: Recipients,
    private readonly audit: AuditService,
    private readonly queue: ReminderQueue,
    private readonly reminders: ReminderDispatcher,
    private readonly calendars: CalendarUpdates,
    private readonly attendance: AttendanceRepository,
    private readonly events: ExchangeEvents,
  ) {}

  /**
   * Writes the reminder rows of this schedule revision; those already due are `skipped`. A row due
   * in its person's quiet hours is due when they end, or just before they began if they end after
   * the start (`deferForQuietHours`). One slot per offset, channel and due time.
   */
  async planReminders({
    exchangeId,
    revision,
    startsAt,
  }: {
    exchangeId: string;
    revision: number;
    startsAt: string;
  }): Promise<ReminderSlot[]> {
    const exchange = await this.exchanges.getById(exchangeId);
    // Who handed their place to a colleague is reminded no more: the colleague is, as a participant.
    const delegated = await this.attendance.delegatedIn(exchangeId);
    const recipients = (await this.recipients.participantsOf(exchangeId)).filter((r) => !delegated.has(r.personId));
    const rows = exchangeReminders(recipients, { exchangeId, revision, startsAt: new Date(startsAt), offsets: exchange.reminderOffsets });
    await this.reminders.write(rows);
    const pending = await this.reminderRows.scheduledOfExchange(exchangeId, revision);
    const slots = new Map<string, ReminderSlot>();
    for (const reminder of pending) {
      const id = `${reminder.offset}/${reminder.channel}/${reminder.dueAt.toISOString()}`;
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

  async recordConfirmation(input: { exchangeId: string; organization: string; status: ExchangeStatus; actor: Actor }): Promise<void> {
    await this.transactions.run(async (uow) => {
      if (!(await this.exchanges.confirm(input.exchangeId, input.organization, input.actor.id, uow))) return;
      const from = await this.setStatus(uow, input.exchangeId, input.status);
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
        uow,
      );
      await this.events.exchange(uow, 'exchange.confirmed', input.exchangeId);
    });
  }

  async recordReschedule(input: RecordRescheduleInput): Promise<void> {
    await this.transactions.run(async (uow) => {
      const exchange = await this.exchanges.lockForUpdate(input.exchangeId, uow);
      if (exchange.scheduleRevision >= input.revision) return;
      const previous = exchange.startsAt.toISOString();
      await this.exchanges.update(
        input.exchangeId,
        {
          startsAt: new Date(input.startsAt),
          durationMinutes: input.durationMinutes,
          scheduleRevision: input.revision,
          // Moved later than its freeze: the agenda is open again until the new freeze.
          ...(Date.parse(input.startsAt) - millisOf(exchange.followUp.agendaFreeze) > Date.now() ? { agendaFrozenAt: null } : {}),
          ...(input.detach ? { detached: true } : {}),
        },
        uow,
      );
      const cancelled = await this.reminderRows.cancelPendingOfExchange(input.exchangeId, input.revision, uow);
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
        uow,
      );
      await this.events.exchange(uow, 'exchange.rescheduled', input.exchangeId);
    });
    // Committed: each participant's calendar moves now, not at the next reminder. On every attempt
    // (a retry after the commit finds the row moved but may not have enqueued): the job ids make it once.
    await this.calendars.rescheduled(input.exchangeId);
  }

  async recordCancellation(input: { exchangeId: string; reason: string; actor: Actor; detach: boolean }): Promise<void> {
    await this.transactions.run(async (uow) => {
      const from = await this.setStatus(uow, input.exchangeId, 'cancelled', {
        cancelReason: input.reason,
        ...(input.detach ? { detached: true } : {}),
      });
      const cancelled = await this.reminderRows.cancelPendingOfExchange(input.exchangeId, undefined, uow);
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
        uow,
      );
      await this.events.exchange(uow, 'exchange.cancelled', input.exchangeId);
    });
    // Participants who receive e-mail get an iMIP CANCEL for the event their invitations created.
    const recipients = await this.recipients.participantsOf(input.exchangeId);
    await this.queue.enqueueCancellations(
      input.exchangeId,
      recipients.filter((r) => r.emailEnabled).map((r) => r.personId),
    );
  }

  async recordHeld({ exchangeId }: { exchangeId: string }): Promise<void> {
    await this.transactions.run(async (uow) => {
      const from = await this.setStatus(uow, exchangeId, 'held');
      if (from === 'held') return;
      await this.audit.record(
        {
          actor: SYSTEM_ACTOR,
          action: 'exchange.held',
          entityType: 'exchange',
          entityId: exchangeId,
          fromState: from,
          toState: 'held',
        },
        uow,
      );
      await this.events.exchange(uow, 'exchange.held', exchangeId);
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
    const exchange = await this.exchanges.getById(exchangeId);
    const recipients = await this.unconfirmedRecipients(exchangeId, stage);
    const offset = stage === 'confirmation' ? exchange.followUp.confirmationDeadline : exchange.followUp.escalateAfter;
    const rows = followUpReminders(recipients, { exchangeId, revision, kind: stage, offset, before: exchange.startsAt });
    await this.reminders.write(rows);
    const organizations = [...new Set(recipients.map((r) => r.code))];
    await this.transactions.run(async (uow) => {
      for (const code of await this.exchanges.markUnconfirmedTold(exchangeId, stage, uow)) {
        await this.audit.record(
          {
            actor: SYSTEM_ACTOR,
            action: stage === 'confirmation' ? 'exchange.confirmation.remind' : 'exchange.confirmation.escalate',
            entityType: 'exchange',
            entityId: exchangeId,
            fromState: exchange.status,
            toState: exchange.status,
            details: { organization: code, recipients: recipients.filter((r) => r.code === code).map((r) => r.personId) },
          },
          uow,
        );
      }
    });
    const queued = await this.reminders.dispatch(rows.map((r) => r.key!));
    this.logger.log({ exchangeId, stage, organizations, queued }, 'unconfirmed organisations told');
    return queued;
  }

  /**
   * Who is told that an organisation has not confirmed, with its code: its coordinators
   * (`confirmation`), or its senior-level participants of the exchange (`escalation`).
   */
  private async unconfirmedRecipients(
    exchangeId: string,
    stage: 'confirmation' | 'escalation',
  ): Promise<Array<Recipient & { code: string }>> {
    const recipients: Array<Recipient & { code: string }> = [];
    for (const organization of await this.exchanges.unconfirmedOrganizations(exchangeId)) {
      const people =
        stage === 'confirmation'
          ? await this.recipients.coordinatorsOf(organization.id)
          : await this.recipients.seniorParticipantsOf(exchangeId, organization.id);
      recipients.push(...people.map((person) => ({ ...person, code: organization.code })));
    }
    return recipients;
  }

  /** Sets the status under a row lock and returns the one it replaced. */
  private async setStatus(
    uow: UnitOfWork,
    exchangeId: string,
    status: ExchangeStatus,
    extra: Partial<ExchangeEntity> = {},
  ): Promise<ExchangeStatus> {
    const exchange = await this.exchanges.lockForUpdate(exchangeId, uow);
    if (exchange.status !== status || Object.keys(extra).length > 0) {
      await this.exchanges.update(exchangeId, { status, ...extra }, uow);
    }
    return exchange.status;
  }
}
