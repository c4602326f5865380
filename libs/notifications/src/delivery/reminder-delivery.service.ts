import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  ActionItemEntity,
  ExchangeEntity,
  ExchangeOrganizationEntity,
  MinutesVersionEntity,
  PersonEntity,
  ReminderEntity,
} from '@liaison/persistence';
import { DataSource } from 'typeorm';
import { EmailChannel } from '../channels/email.channel';
import { InboxChannel } from '../channels/inbox.channel';

export type DeliveryOutcome = 'sent' | 'stale' | 'already-done' | 'missing';

/**
 * Delivers one reminder: re-checks that it is still current (exchange live, schedule revision
 * unchanged), sends it on its channel and records the outcome on the row.
 */
@Injectable()
export class ReminderDeliveryService {
  private readonly logger = new Logger(ReminderDeliveryService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly inbox: InboxChannel,
    private readonly email: EmailChannel,
  ) {}

  async deliver(reminderId: string, attempt: { number: number; last: boolean }): Promise<DeliveryOutcome> {
    const reminder = await this.dataSource.getRepository(ReminderEntity).findOneBy({ id: reminderId });
    if (!reminder) return 'missing';
    if (reminder.status === 'sent' || reminder.status === 'cancelled' || reminder.status === 'skipped') return 'already-done';

    const exchange = await this.dataSource.getRepository(ExchangeEntity).findOneByOrFail({ id: reminder.exchangeId });
    const person = await this.dataSource
      .getRepository(PersonEntity)
      .findOneOrFail({ where: { id: reminder.personId }, relations: { organization: true } });
    const actionItem = reminder.actionItemId
      ? await this.dataSource.getRepository(ActionItemEntity).findOneBy({ id: reminder.actionItemId })
      : null;
    const moot = await this.overtaken(reminder, exchange, person, actionItem);
    if (moot) {
      await this.dataSource
        .getRepository(ReminderEntity)
        .update({ id: reminder.id, status: reminder.status }, { status: 'cancelled', lastError: moot });
      this.logger.log({ reminderKey: reminder.key, exchangeId: exchange.id, reason: moot }, 'stale reminder dropped');
      return 'stale';
    }
    await this.dataSource.getRepository(ReminderEntity).increment({ id: reminder.id }, 'attempts', 1);
    try {
      const subject = actionItem ? { id: actionItem.id, title: actionItem.title, dueAt: actionItem.dueAt } : undefined;
      if (reminder.channel === 'email') await this.email.deliver(reminder, exchange, person, subject);
      else await this.inbox.deliver(reminder, exchange, person, subject);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.dataSource.getRepository(ReminderEntity).update(
        { id: reminder.id },
        {
          lastError: message,
          ...(attempt.last ? { status: 'failed' as const } : {}),
        },
      );
      this.logger.warn(
        {
          reminderKey: reminder.key,
          attempt: attempt.number,
          final: attempt.last,
          err: message,
        },
        'reminder delivery failed',
      );
      throw error;
    }
    const sentAt = new Date();
    await this.dataSource.getRepository(ReminderEntity).update({ id: reminder.id }, { status: 'sent', sentAt, lastError: null });
    this.logger.log(
      {
        reminderKey: reminder.key,
        exchangeId: exchange.id,
        channel: reminder.channel,
        latenessMs: sentAt.getTime() - reminder.dueAt.getTime(),
      },
      'reminder sent',
    );
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

  /**
   * Why the reminder no longer applies, or null: the exchange was cancelled; it was moved (a
   * reminder of an older schedule revision; an action item's reminder carries the item's revision
   * instead); or what a follow-up asks for was done meanwhile.
   */
  private async overtaken(
    reminder: ReminderEntity,
    exchange: ExchangeEntity,
    person: PersonEntity,
    actionItem: ActionItemEntity | null,
  ): Promise<string | null> {
    if (exchange.status === 'cancelled') return 'exchange cancelled';
    if (!reminder.actionItemId && exchange.scheduleRevision !== reminder.revision) return 'exchange rescheduled';
    switch (reminder.kind) {
      case 'exchange':
        return null;
      case 'confirmation':
      case 'escalation':
        return (await this.organizationConfirmed(exchange.id, person.organizationId)) ? 'confirmed meanwhile' : null;
      case 'minutes':
      case 'minutes-escalation':
        return (await this.dataSource.getRepository(MinutesVersionEntity).existsBy({ exchangeId: exchange.id }))
          ? 'minutes drafted meanwhile'
          : null;
      case 'action-due':
      case 'action-overdue':
      case 'action-escalation':
        if (!actionItem || actionItem.status !== 'open') return `action item ${actionItem?.status ?? 'gone'}`;
        return actionItem.revision !== reminder.revision ? 'action item changed' : null;
    }
  }

  private async organizationConfirmed(exchangeId: string, organizationId: string): Promise<boolean> {
    const row = await this.dataSource.getRepository(ExchangeOrganizationEntity).findOneBy({ exchangeId, organizationId });
    return row?.confirmedAt != null;
  }
}
