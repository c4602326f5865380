import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@liaison/access';
import { OPEN_EXCHANGE_STATUSES, SYSTEM_ACTOR } from '@liaison/domain';
import type { AttendanceCheckActivitiesContract, Recipient } from '@liaison/domain';
import { followUpReminders, Recipients, ReminderDispatcher } from '@liaison/notifications';
import { AttendanceRepository, ExchangesRepository, Transactions } from '@liaison/persistence';

/**
 * The attendance check of a senior-level exchange: `attendanceCheck` before the start, each
 * organisation with no accepted senior-level participant has its coordinators reminded (kind
 * `attendance`), through the same rows, queue and notifier as every reminder.
 */
@Injectable()
export class AttendanceCheckActivities implements AttendanceCheckActivitiesContract {
  private readonly logger = new Logger(AttendanceCheckActivities.name);

  constructor(
    private readonly exchanges: ExchangesRepository,
    private readonly attendance: AttendanceRepository,
    private readonly transactions: Transactions,
    private readonly recipients: Recipients,
    private readonly audit: AuditService,
    private readonly reminders: ReminderDispatcher,
  ) {}

  /**
   * Nothing for an exchange no longer open, not senior-level, or moved since (another revision
   * plans its own check). The reminder rows and one audit event per organisation commit together,
   * then the rows are dispatched: a retry (the worker died before the dispatch) inserts no row
   * again, so records nothing again, and dispatches what is still pending.
   */
  async remindUnattended({ exchangeId, revision }: { exchangeId: string; revision: number }): Promise<number> {
    const exchange = await this.exchanges.getById(exchangeId);
    if (exchange.level !== 'senior' || !OPEN_EXCHANGE_STATUSES.includes(exchange.status) || exchange.scheduleRevision !== revision) {
      return 0;
    }
    const recipients: Array<Recipient & { code: string }> = [];
    for (const organization of await this.attendance.withoutAcceptedSenior(exchangeId)) {
      const coordinators = await this.recipients.coordinatorsOf(organization.id);
      recipients.push(...coordinators.map((person) => ({ ...person, code: organization.code })));
    }
    const rows = followUpReminders(recipients, {
      exchangeId,
      revision,
      kind: 'attendance',
      offset: exchange.followUp.attendanceCheck,
      before: exchange.startsAt,
    });
    await this.transactions.run(async (uow) => {
      const written = await this.reminders.write(rows, uow);
      if (rows.length > 0 && written.length === 0) return; // recorded by an earlier attempt
      for (const code of new Set(recipients.map((r) => r.code))) {
        await this.audit.record(
          {
            actor: SYSTEM_ACTOR,
            action: 'exchange.attendance.remind',
            entityType: 'exchange',
            entityId: exchangeId,
            fromState: exchange.status,
            toState: exchange.status,
            details: { organization: code, revision, recipients: recipients.filter((r) => r.code === code).map((r) => r.personId) },
          },
          uow,
        );
      }
    });
    const queued = await this.reminders.dispatchStage({ exchangeId, revision, kind: 'attendance' });
    this.logger.log({ exchangeId, revision, organizations: [...new Set(recipients.map((r) => r.code))], queued }, 'attendance checked');
    return queued;
  }
}
