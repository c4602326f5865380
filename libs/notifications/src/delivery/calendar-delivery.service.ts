import { Injectable, Logger } from '@nestjs/common';
import type { DeliveryOutcome } from '@liaison/domain';
import { AttendanceRepository, ExchangesRepository, PeopleRepository } from '@liaison/persistence';
import { EmailChannel } from '../channels/email.channel';
import { exchangeSequence } from '../channels/ics';
import { calendarUpdateJobId, SendCalendarUpdateJob } from '../queue/reminder-queue';

/**
 * The iMIP messages that are not reminders: a cancellation, and the updates that keep a person's
 * calendar in step when the exchange moves or they join or leave it. Each job re-reads the
 * exchange and the person's part in it when it runs and sends what stands then, or nothing (and
 * says why in the log) when a later job or the cancellation carries it.
 */
@Injectable()
export class CalendarDelivery {
  private readonly logger = new Logger(CalendarDelivery.name);

  constructor(
    private readonly exchanges: ExchangesRepository,
    private readonly people: PeopleRepository,
    private readonly attendance: AttendanceRepository,
    private readonly email: EmailChannel,
  ) {}

  /** The iMIP CANCEL of a cancelled exchange, to one person who receives e-mail. */
  async sendCancellation(exchangeId: string, personId: string): Promise<DeliveryOutcome> {
    const exchange = await this.exchanges.findById(exchangeId);
    const person = await this.people.withOrganization(personId);
    if (!exchange || !person) return 'missing';
    if (person.deactivatedAt) return 'skipped';
    if (exchange.status !== 'cancelled' || !person.emailEnabled) return 'stale';
    const attendance = (await this.attendance.attendanceOf(exchangeId, personId)) ?? 'needs-action';
    await this.email.cancel(exchange, person, attendance);
    this.logger.log({ exchangeId, personId }, 'cancellation sent');
    return 'sent';
  }

  /**
   * One calendar update: a REQUEST with the exchange's current time and SEQUENCE to a participant
   * (`rescheduled`, `added`), a CANCEL to one no longer taking part (`removed`).
   */
  async sendUpdate(job: SendCalendarUpdateJob): Promise<DeliveryOutcome> {
    const { exchangeId, personId } = job;
    const about = { exchangeId, personId, job: calendarUpdateJobId(job) };
    const exchange = await this.exchanges.findById(exchangeId);
    const person = await this.people.withOrganization(personId);
    if (!exchange || !person) return 'missing';
    if (person.deactivatedAt) return this.notSent(about, 'skipped', 'person deactivated');
    if (!person.emailEnabled) return this.notSent(about, 'stale', 'e-mail turned off');
    const attendance = await this.attendance.attendanceOf(exchangeId, personId);
    if (job.reason === 'removed') {
      if (attendance !== null) return this.notSent(about, 'stale', 'a participant again: their addition sends the REQUEST');
      await this.email.calendarMessage(exchange, person, { kind: 'removed', attendance: 'needs-action', id: about.job });
      this.logger.log({ ...about, sequence: exchangeSequence(exchange) }, 'calendar CANCEL sent to a removed participant');
      return 'sent';
    }
    if (exchange.status === 'cancelled') return this.notSent(about, 'stale', 'exchange cancelled: its CANCEL carries it');
    if (attendance === null) return this.notSent(about, 'stale', 'no longer a participant: their removal sends the CANCEL');
    const current = exchangeSequence(exchange);
    // An addition sends the current state whatever the sequence: no later job is sure to include a newcomer.
    if (job.reason === 'rescheduled' && current > job.sequence) {
      return this.notSent(about, 'stale', `superseded: SEQUENCE ${current} is current, and its own update carries it`);
    }
    await this.email.calendarMessage(exchange, person, {
      kind: job.reason === 'added' ? 'added' : 'update',
      attendance,
      id: about.job,
    });
    this.logger.log({ ...about, sequence: current }, 'calendar REQUEST sent');
    return 'sent';
  }

  private notSent(about: object, outcome: DeliveryOutcome, reason: string): DeliveryOutcome {
    this.logger.log({ ...about, reason }, 'calendar update not sent');
    return outcome;
  }
}
