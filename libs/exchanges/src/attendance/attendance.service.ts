import { Injectable, Logger } from '@nestjs/common';
import { actorOf, AuditService, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { OPEN_EXCHANGE_STATUSES } from '@liaison/domain';
import type { Actor, AttendanceAnswer } from '@liaison/domain';
import { CalendarUpdates, exchangeReminders, Recipients, ReminderDispatcher } from '@liaison/notifications';
import {
  AttendanceRepository,
  ExchangeEntity,
  ExchangesRepository,
  PeopleRepository,
  Transactions,
  UnitOfWork,
} from '@liaison/persistence';
import { ExchangeEvents } from '../events/exchange-events';
import { ExchangeQueryService } from '../exchange-query.service';
import { ExchangeResponse } from '../exchange.response';
import { AnswerAttendanceDto } from './attendance.dto';
import { DelegateResponse } from './attendance.response';

/** One answer to record: who answers, with what, and how it came (the API or an e-mail link). */
export interface AttendanceAnswerInput {
  exchange: ExchangeEntity;
  personId: string;
  status: AttendanceAnswer;
  delegateId: string | null;
  actor: Actor;
  via: 'api' | 'link';
}

/**
 * A participant's answer to an exchange: accepted, tentative, declined, or delegated to an active
 * colleague of their organisation, who becomes a participant in their place. Each answer is audited
 * in the transaction that records it. The rules (docs/attendance.md): the participant answers for
 * themself, while the exchange is open, and not after handing their place on.
 */
@Injectable()
export class AttendanceService {
  private readonly logger = new Logger(AttendanceService.name);

  constructor(
    private readonly query: ExchangeQueryService,
    private readonly attendance: AttendanceRepository,
    private readonly exchanges: ExchangesRepository,
    private readonly people: PeopleRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly recipients: Recipients,
    private readonly reminders: ReminderDispatcher,
    private readonly calendars: CalendarUpdates,
    private readonly events: ExchangeEvents,
  ) {}

  /** `POST /v1/exchanges/:id/attendance`: the caller answers for themself; the exchange as they now see it. */
  async answer(id: string, dto: AnswerAttendanceDto, principal: Principal): Promise<ExchangeResponse> {
    const { exchange, relations } = await this.query.findVisible(id, principal);
    const personId = principal.kind === 'person' ? principal.person.id : null;
    if (personId === null || !relations.participantIds.includes(personId)) {
      throw DomainError.forbidden('ATTENDANCE.NOT_PARTICIPANT', 'only a participant of the exchange answers whether they attend it');
    }
    if (dto.status === 'delegated' && !dto.delegateId) {
      throw DomainError.unprocessable(
        'ATTENDANCE.DELEGATE_REQUIRED',
        'status "delegated" needs delegateId: the colleague who takes the place',
      );
    }
    if (dto.status !== 'delegated' && dto.delegateId) {
      throw DomainError.unprocessable('ATTENDANCE.DELEGATE_UNEXPECTED', 'delegateId goes with status "delegated" only');
    }
    await this.record({
      exchange,
      personId,
      status: dto.status,
      delegateId: dto.delegateId ?? null,
      actor: actorOf(principal),
      via: 'api',
    });
    return this.query.get(id, principal);
  }

  /** `GET /v1/exchanges/:id/attendance/delegates`: the colleagues the calling participant may delegate to. */
  async delegates(id: string, principal: Principal): Promise<DelegateResponse[]> {
    const { relations } = await this.query.findVisible(id, principal);
    if (principal.kind !== 'person' || !relations.participantIds.includes(principal.person.id)) {
      throw DomainError.forbidden('ATTENDANCE.NOT_PARTICIPANT', 'only a participant of the exchange delegates their place');
    }
    return this.attendance.possibleDelegates(id, principal.person.organizationId);
  }

  /** Records one answer, from the API or a link; refuses with a coded 4xx what the rules do not allow. */
  async record(input: AttendanceAnswerInput): Promise<void> {
    const { exchange, personId, status, delegateId } = input;
    if (!OPEN_EXCHANGE_STATUSES.includes(exchange.status)) {
      throw DomainError.conflict('EXCHANGE.NOT_OPEN', `the exchange is ${exchange.status}: attendance can no longer change`);
    }
    const delegated = await this.transactions.run(async (uow) => {
      const row = await this.attendance.lockParticipant(exchange.id, personId, uow);
      if (!row) throw DomainError.forbidden('ATTENDANCE.NOT_PARTICIPANT', 'this person does not take part in the exchange');
      if (row.attendance === 'delegated') {
        throw DomainError.conflict('ATTENDANCE.ALREADY_DELEGATED', 'the place was handed to a colleague, who answers for it now');
      }
      // The same answer again (a second press, a retry) changes nothing and is not audited twice.
      if (row.attendance === status) return false;
      if (status === 'delegated') await this.handOver(exchange.id, personId, delegateId!, uow);
      await this.attendance.answer(
        exchange.id,
        personId,
        { status, delegatedTo: status === 'delegated' ? delegateId : null, at: new Date() },
        uow,
      );
      await this.audit.record(
        {
          actor: input.actor,
          action: 'exchange.attendance',
          entityType: 'exchange',
          entityId: exchange.id,
          fromState: row.attendance,
          toState: status,
          details: { personId, via: input.via, ...(status === 'delegated' ? { delegateId } : {}) },
        },
        uow,
      );
      await this.events.answered(uow, exchange.id, personId);
      return status === 'delegated';
    });
    if (delegated) await this.inviteDelegate(exchange.id, delegateId!);
  }

  /**
   * The delegate joins as a participant who has not answered; the one who delegated is reminded no
   * more (their pending reminders are cancelled; the next planning leaves them out).
   */
  private async handOver(exchangeId: string, fromId: string, delegateId: string, uow: UnitOfWork): Promise<void> {
    if (delegateId === fromId) throw DomainError.unprocessable('ATTENDANCE.DELEGATE_SELF', 'delegateId is the caller: name a colleague');
    const [from, delegate] = await Promise.all([this.people.byId(fromId, uow), this.people.findById(delegateId)]);
    if (!delegate || delegate.deactivatedAt !== null) {
      throw DomainError.unprocessable('ATTENDANCE.UNKNOWN_DELEGATE', `delegateId ${delegateId} names no active person`);
    }
    if (delegate.organizationId !== from.organizationId) {
      throw DomainError.unprocessable('ATTENDANCE.DELEGATE_OUTSIDE', 'the delegate must be a colleague of the same organisation');
    }
    if (!(await this.attendance.addDelegate(exchangeId, delegateId, fromId, uow))) {
      throw DomainError.unprocessable('ATTENDANCE.DELEGATE_PARTICIPATING', 'the delegate already takes part in this exchange');
    }
    await this.attendance.cancelPendingRemindersOf(exchangeId, fromId, uow);
  }

  /**
   * The delegate's invitation: their reminders of the exchange's current schedule revision, planned
   * as the workflow plans every participant's (exchangeReminders) and handed to the queue at once
   * (each waits there until due; a later reschedule or cancel is honoured by the notifier, and the
   * next revision's planning includes them as a participant), and their calendar invitation, an
   * iMIP REQUEST (CalendarUpdates). Read after the delegation commits, so a reschedule in between is
   * planned for too.
   */
  async inviteDelegate(exchangeId: string, delegateId: string): Promise<void> {
    const exchange = await this.exchanges.getById(exchangeId);
    const recipients = (await this.recipients.participantsOf(exchange.id)).filter((r) => r.personId === delegateId);
    const rows = exchangeReminders(recipients, {
      exchangeId: exchange.id,
      revision: exchange.scheduleRevision,
      startsAt: exchange.startsAt,
      offsets: exchange.reminderOffsets,
    });
    await this.reminders.write(rows);
    const queued = await this.reminders.dispatch(rows.filter((r) => r.status === 'scheduled').map((r) => r.key!));
    await this.calendars.participantsChanged(exchange.id, { added: [delegateId] });
    this.logger.log({ exchangeId: exchange.id, delegateId, planned: rows.length, queued }, 'delegate invited');
  }
}
