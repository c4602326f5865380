import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExchangeEntity, PersonEntity, ReminderEntity, SETTLED_REMINDER_STATUSES } from '@liaison/persistence';
import { DataSource } from 'typeorm';
import { EmailChannel } from '../channels/email.channel';
import { InboxChannel } from '../channels/inbox.channel';
import { WebhookChannel } from '../channels/webhook.channel';
import { recordReminderOutcome, recordReminderSent } from './delivery-metrics';
import { ReminderComposer } from './reminder-content';
import { ReminderReader } from './reminder-reader';

export type DeliveryOutcome = 'sent' | 'stale' | 'already-done' | 'missing';

/**
 * Delivers one reminder: has the composer re-check that it is still current and render it, sends
 * it on its channel and records the outcome on the row.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbox: InboxChannel,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly composer: ReminderComposer,
    private readonly reminders: ReminderReader,
  ) {}

  async deliver(reminderId: string, attempt: { number: number; last: boolean }): Promise<DeliveryOutcome> {
    const reminder = await this.reminders.load(reminderId);
    if (!reminder) {
      recordReminderOutcome(null, 'missing');
      return 'missing';
    }
    if (SETTLED_REMINDER_STATUSES.includes(reminder.status)) {
      recordReminderOutcome(reminder, 'already-done');
      return 'already-done';
    }
    const about = {
      reminderKey: reminder.key,
      exchangeId: reminder.exchangeId ?? undefined,
      supportRequestId: reminder.supportRequestId ?? undefined,
    };

    const { person } = reminder;
    const composed = await this.composer.compose(reminder, person);
    if (composed.stale !== null) {
      await this.dataSource
        .getRepository(ReminderEntity)
        .update({ id: reminder.id, status: reminder.status }, { status: 'cancelled', lastError: composed.stale });
      this.logger.log({ ...about, reason: composed.stale }, 'stale reminder dropped');
      recordReminderOutcome(reminder, 'stale');
      return 'stale';
    }
    let sentAt: Date;
    try {
      if (reminder.channel === 'inapp') {
        // One statement marks the row sent, counts the attempt and writes the inbox entry.
        sentAt = new Date();
        if (!(await this.inbox.deliver(reminder, person, composed.content, sentAt))) {
          recordReminderOutcome(reminder, 'already-done');
          return 'already-done';
        }
      } else {
        await this.dataSource.getRepository(ReminderEntity).increment({ id: reminder.id }, 'attempts', 1);
        if (reminder.channel === 'email') await this.email.deliver(reminder, person, composed.content);
        else await this.webhook.deliver(reminder, person, composed.content);
        sentAt = new Date();
        await this.dataSource.getRepository(ReminderEntity).update({ id: reminder.id }, { status: 'sent', sentAt, lastError: null });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.dataSource.getRepository(ReminderEntity).update(
        { id: reminder.id },
        {
          lastError: message,
          // An in-app attempt is counted by the statement that delivers it, which did not happen.
          ...(reminder.channel === 'inapp' ? { attempts: () => 'attempts + 1' } : {}),
          ...(attempt.last ? { status: 'failed' as const } : {}),
        },
      );
      this.logger.warn({ ...about, attempt: attempt.number, final: attempt.last, err: message }, 'reminder delivery failed');
      recordReminderOutcome(reminder, attempt.last ? 'failed' : 'attempt-failed');
      throw error;
    }
    this.logger.log({ ...about, channel: reminder.channel, latenessMs: sentAt.getTime() - reminder.dueAt.getTime() }, 'reminder sent');
    recordReminderSent(reminder, sentAt);
    return 'sent';
  }

  /** The iMIP CANCEL of a cancelled exchange, to one person who receives e-mail. */
  async sendCancellation(exchangeId: string, personId: string): Promise<DeliveryOutcome> {
    const exchange = await this.dataSource.getRepository(ExchangeEntity).findOneBy({ id: exchangeId });
    const person = await this.dataSource.getRepository(PersonEntity).findOneBy({ id: personId });
    if (!exchange || !person) return 'missing';
    if (exchange.status !== 'cancelled' || !person.emailEnabled) return 'stale';
    await this.email.cancel(exchange, person);
    this.logger.log({ exchangeId, personId }, 'cancellation sent');
    return 'sent';
  }
}
