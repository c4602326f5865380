import { Injectable, Logger } from '@nestjs/common';
import type { Recipient } from '@liaison/domain';
import { ExchangesRepository, RecipientsRepository } from '@liaison/persistence';
import { exchangeSequence } from '../channels/ics';
import { CalendarUpdateReason, ReminderQueue } from './reminder-queue';

/** Who is written to about a calendar: an active person with e-mail on, as for cancellations. */
function receivesEmail(recipient: Recipient): boolean {
  return recipient.active && recipient.emailEnabled;
}

/**
 * Keeps the calendars that Liaison's e-mails fill in step with the exchange: the one place the
 * rest of the code tells when an exchange moved or its participants changed. It only enqueues
 * (`send-calendar-update` jobs, ids deterministic, so a caller may repeat itself); the notifier
 * re-reads the exchange when a job runs and sends what stands then (CalendarDelivery).
 */
@Injectable()
export class CalendarUpdates {
  private readonly logger = new Logger(CalendarUpdates.name);

  constructor(
    private readonly exchanges: ExchangesRepository,
    private readonly people: RecipientsRepository,
    private readonly queue: ReminderQueue,
  ) {}

  /** The exchange was rescheduled (its transaction committed): every participant who receives e-mail gets a REQUEST. */
  async rescheduled(exchangeId: string): Promise<void> {
    const exchange = await this.exchanges.findById(exchangeId);
    if (!exchange || exchange.status === 'cancelled') return;
    const recipients = (await this.people.participantsOf(exchangeId)).filter(receivesEmail);
    await this.enqueue(exchangeId, exchangeSequence(exchange), 'rescheduled', recipients);
  }

  /**
   * Participants were added to or removed from the exchange (the change committed): an added
   * person gets a REQUEST, a removed one a CANCEL for them alone. Nothing for a cancelled exchange
   * (its cancellation was sent to whoever took part then) except the CANCELs of those removed.
   */
  async participantsChanged(exchangeId: string, change: { added?: string[]; removed?: string[] }): Promise<void> {
    const added = change.added ?? [];
    const removed = change.removed ?? [];
    if (added.length === 0 && removed.length === 0) return;
    const exchange = await this.exchanges.findById(exchangeId);
    if (!exchange) return;
    const sequence = exchangeSequence(exchange);
    const people = (await this.people.persons([...added, ...removed])).filter(receivesEmail);
    const among = (ids: string[]) => people.filter((p) => ids.includes(p.personId));
    if (exchange.status !== 'cancelled') await this.enqueue(exchangeId, sequence, 'added', among(added));
    await this.enqueue(exchangeId, sequence, 'removed', among(removed));
  }

  private async enqueue(exchangeId: string, sequence: number, reason: CalendarUpdateReason, recipients: Recipient[]): Promise<void> {
    if (recipients.length === 0) return;
    await this.queue.enqueueCalendarUpdates(recipients.map((r) => ({ exchangeId, personId: r.personId, sequence, reason })));
    this.logger.log({ exchangeId, sequence, reason, people: recipients.length }, 'calendar updates queued');
  }
}
