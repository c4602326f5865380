import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExchangeEntity, PersonEntity, ReminderEntity } from '@liaison/persistence';
import { DELIVERABLE_REMINDER_STATUSES, SETTLED_REMINDER_STATUSES } from '@liaison/domain';
import { DataSource, In } from 'typeorm';
import { EmailChannel } from '../channels/email.channel';
import { InboxChannel } from '../channels/inbox.channel';
import { WebhookChannel } from '../channels/webhook.channel';
import { recordReminderOutcome, recordReminderSent } from './delivery-metrics';
import { ReminderComposer } from './reminder-content';
import { LoadedReminder, ReminderReader } from './reminder-reader';

/**
 * `overtaken`: the row was settled (cancelled, say) by someone else while this delivery was in
 * flight; it keeps that status, and says on `last_error` whether the message went out all the same.
 */
export type DeliveryOutcome = 'sent' | 'stale' | 'skipped' | 'already-done' | 'missing' | 'overtaken';

/** Why a reminder to a deactivated person was not sent: its row's `lastError`, with status `skipped`. */
export const SKIPPED_DEACTIVATED = 'person deactivated';

/** The rows a delivery may still write its outcome on: those not settled meanwhile. */
const stillDeliverable = (id: string) => ({ id, status: In([...DELIVERABLE_REMINDER_STATUSES]) });

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
    if (person.deactivatedAt) {
      // A leaver gets nothing, on any channel. Decided at the moment of sending: a reactivation restores what is still due.
      await this.dataSource
        .getRepository(ReminderEntity)
        .update({ id: reminder.id, status: reminder.status }, { status: 'skipped', lastError: SKIPPED_DEACTIVATED });
      this.logger.log({ ...about, reason: SKIPPED_DEACTIVATED }, 'reminder to a deactivated person skipped');
      recordReminderOutcome(reminder, 'skipped');
      return 'skipped';
    }
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
        // Counted only while the row still wants delivering: one settled since it was read is not sent.
        const counted = await this.dataSource.getRepository(ReminderEntity).increment(stillDeliverable(reminder.id), 'attempts', 1);
        if (!counted.affected) {
          recordReminderOutcome(reminder, 'already-done');
          return 'already-done';
        }
        if (reminder.channel === 'email') await this.email.deliver(reminder, person, composed.content);
        else await this.webhook.deliver(reminder, person, composed.content);
        sentAt = new Date();
        // `sent` only over a status a delivery may leave: a row cancelled while the message was on its way stays cancelled.
        const marked = await this.dataSource
          .getRepository(ReminderEntity)
          .update(stillDeliverable(reminder.id), { status: 'sent', sentAt, lastError: null });
        if (!marked.affected) return this.overtaken(reminder, 'the message went out all the same');
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const recorded = await this.dataSource.getRepository(ReminderEntity).update(stillDeliverable(reminder.id), {
        lastError: message,
        // An in-app attempt is counted by the statement that delivers it, which did not happen.
        ...(reminder.channel === 'inapp' ? { attempts: () => 'attempts + 1' } : {}),
        ...(attempt.last ? { status: 'failed' as const } : {}),
      });
      // Settled meanwhile: nothing is left to retry, and its status is not this delivery's to change.
      if (!recorded.affected) return this.overtaken(reminder, `the attempt failed: ${message}`);
      this.logger.warn({ ...about, attempt: attempt.number, final: attempt.last, err: message }, 'reminder delivery failed');
      recordReminderOutcome(reminder, attempt.last ? 'failed' : 'attempt-failed');
      throw error;
    }
    this.logger.log({ ...about, channel: reminder.channel, latenessMs: sentAt.getTime() - reminder.dueAt.getTime() }, 'reminder sent');
    recordReminderSent(reminder, sentAt);
    return 'sent';
  }

  /**
   * The row was settled by someone else while this delivery was in flight (a cancellation, say):
   * it keeps its status; `last_error` says what became of the attempt. A row sent meanwhile (by a
   * second delivery of the same job) is left as it is.
   */
  private async overtaken(reminder: LoadedReminder, what: string): Promise<DeliveryOutcome> {
    const repository = this.dataSource.getRepository(ReminderEntity);
    const now = await repository.findOne({ where: { id: reminder.id }, select: { id: true, status: true } });
    if (now && now.status !== 'sent') {
      await repository.update(
        { id: reminder.id, status: now.status },
        { lastError: `${now.status} while it was being sent on ${reminder.channel}; ${what}` },
      );
    }
    this.logger.warn(
      { reminderKey: reminder.key, channel: reminder.channel, status: now?.status, what },
      'reminder settled while in flight',
    );
    recordReminderOutcome(reminder, 'overtaken');
    return 'overtaken';
  }

  /** The iMIP CANCEL of a cancelled exchange, to one person who receives e-mail. */
  async sendCancellation(exchangeId: string, personId: string): Promise<DeliveryOutcome> {
    const exchange = await this.dataSource.getRepository(ExchangeEntity).findOneBy({ id: exchangeId });
    const person = await this.dataSource.getRepository(PersonEntity).findOneBy({ id: personId });
    if (!exchange || !person) return 'missing';
    if (person.deactivatedAt) return 'skipped';
    if (exchange.status !== 'cancelled' || !person.emailEnabled) return 'stale';
    await this.email.cancel(exchange, person);
    this.logger.log({ exchangeId, personId }, 'cancellation sent');
    return 'sent';
  }
}
