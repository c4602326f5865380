import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { ExchangeEntity, NotificationEntity, PersonEntity, ReminderEntity } from '@liaison/persistence';
import { DataSource } from 'typeorm';
import { ActionItemSubject, INBOX_KINDS, renderReminder } from './reminder-message';

/** Puts a reminder in the person's in-app inbox; a reminder makes at most one entry. */
@Injectable()
export class InboxChannel {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async deliver(reminder: ReminderEntity, exchange: ExchangeEntity, person: PersonEntity, actionItem?: ActionItemSubject): Promise<void> {
    const message = renderReminder(exchange, person, {
      publicBaseUrl: this.config.publicBaseUrl,
      outsideLiaison: false,
      kind: reminder.kind,
      organization: person.organization?.code,
      actionItem,
    });
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({
        personId: person.id,
        kind: INBOX_KINDS[reminder.kind],
        exchangeId: exchange.id,
        supportRequestId: null,
        reminderId: reminder.id,
        title: message.title,
        body: message.body,
        dueAt: reminder.dueAt,
        deliveredAt: new Date(),
        readAt: null,
      })
      .orIgnore()
      .execute();
  }
}
