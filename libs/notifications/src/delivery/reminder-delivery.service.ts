import { Injectable, Logger } from '@nestjs/common';
import { DeliveryOutcome, SETTLED_REMINDER_STATUSES } from '@liaison/domain';
import { RemindersRepository } from '@liaison/persistence';
import { EmailChannel } from '../channels/email.channel';
import { InboxChannel } from '../channels/inbox.channel';
import { WebhookChannel } from '../channels/webhook.channel';
import { DeliveryMetrics } from './delivery-metrics';
import { ReminderComposer } from './reminder-content';
import { LoadedReminder, ReminderReader } from './reminder-reader';

/** Why a reminder to a deactivated person was not sent: its row's `lastError`, with status `skipped`. */
export const SKIPPED_DEACTIVATED = 'person deactivated';

/**
 * Delivers one reminder: has the composer re-check that it is still current and render it, sends
 * it on its channel and records the outcome on the row.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);

  constructor(
    private readonly reminders: RemindersRepository,
    private readonly inbox: InboxChannel,
    private readonly email: EmailChannel,
    private readonly webhook: WebhookChannel,
    private readonly composer: ReminderComposer,
    private readonly reader: ReminderReader,
    private readonly metrics: DeliveryMetrics,
  ) {}

  async deliver(reminderId: string, attempt: { number: number; last: boolean }): Promise<DeliveryOutcome> {
    const reminder = await this.reader.load(reminderId);
    if (!reminder) {
      this.metrics.recordReminderOutcome(null, 'missing');
      return 'missing';
    }
    if (SETTLED_REMINDER_STATUSES.includes(reminder.status)) {
      this.metrics.recordReminderOutcome(reminder, 'already-done');
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
      await this.reminders.settleUnsent(reminder.id, reminder.status, 'skipped', SKIPPED_DEACTIVATED);
      this.logger.log({ ...about, reason: SKIPPED_DEACTIVATED }, 'reminder to a deactivated person skipped');
      this.metrics.recordReminderOutcome(reminder, 'skipped');
      return 'skipped';
    }
    const composed = await this.composer.compose(reminder, person);
    if (composed.stale !== null) {
      await this.reminders.settleUnsent(reminder.id, reminder.status, 'cancelled', composed.stale);
      this.logger.log({ ...about, reason: composed.stale }, 'stale reminder dropped');
      this.metrics.recordReminderOutcome(reminder, 'stale');
      return 'stale';
    }
    let sentAt: Date;
    try {
      if (reminder.channel === 'inapp') {
        // One statement marks the row sent, counts the attempt and writes the inbox entry.
        sentAt = new Date();
        if (!(await this.inbox.deliver(reminder, person, composed.content, sentAt))) {
          this.metrics.recordReminderOutcome(reminder, 'already-done');
          return 'already-done';
        }
      } else {
        // Counted only while the row still wants delivering: one settled since it was read is not sent.
        if (!(await this.reminders.countAttempt(reminder.id))) {
          this.metrics.recordReminderOutcome(reminder, 'already-done');
          return 'already-done';
        }
        if (reminder.channel === 'email') await this.email.deliver(reminder, person, composed.content);
        else await this.webhook.deliver(reminder, person, composed.content);
        sentAt = new Date();
        // `sent` only over a status a delivery may leave: a row cancelled while the message was on its way stays cancelled.
        if (!(await this.reminders.markSent(reminder.id, sentAt))) return this.overtaken(reminder, 'the message went out all the same');
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const recorded = await this.reminders.recordFailure(reminder.id, {
        error: message,
        // An in-app attempt is counted by the statement that delivers it, which did not happen.
        countAttempt: reminder.channel === 'inapp',
        final: attempt.last,
      });
      // Settled meanwhile: nothing is left to retry, and its status is not this delivery's to change.
      if (!recorded) return this.overtaken(reminder, `the attempt failed: ${message}`);
      this.logger.warn({ ...about, attempt: attempt.number, final: attempt.last, err: message }, 'reminder delivery failed');
      this.metrics.recordReminderOutcome(reminder, attempt.last ? 'failed' : 'attempt-failed');
      throw error;
    }
    this.logger.log({ ...about, channel: reminder.channel, latenessMs: sentAt.getTime() - reminder.dueAt.getTime() }, 'reminder sent');
    this.metrics.recordReminderSent(reminder, sentAt);
    return 'sent';
  }

  /**
   * The row was settled by someone else while this delivery was in flight (a cancellation, say):
   * it keeps its status; `last_error` says what became of the attempt. A row sent meanwhile (by a
   * second delivery of the same job) is left as it is.
   */
  private async overtaken(reminder: LoadedReminder, what: string): Promise<DeliveryOutcome> {
    const status = await this.reminders.statusOf(reminder.id);
    if (status && status !== 'sent') {
      await this.reminders.noteError(reminder.id, status, `${status} while it was being sent on ${reminder.channel}; ${what}`);
    }
    this.logger.warn(
      { reminderKey: reminder.key, channel: reminder.channel, status: status ?? undefined, what },
      'reminder settled while in flight',
    );
    this.metrics.recordReminderOutcome(reminder, 'overtaken');
    return 'overtaken';
  }
}
