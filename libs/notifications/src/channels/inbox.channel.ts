import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { ExchangeEntity, NotificationEntity, PersonEntity, ReminderEntity } from '@liaison/persistence';
import { DataSource } from 'typeorm';
import { renderReminder } from './reminder-message';

/** Puts a reminder in the person's in-app inbox; a reminder makes at most one entry. */
@Injectable()
export class InboxChannel {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async deliver(reminder: ReminderEntity, exchange: ExchangeEntity, person: PersonEntity): Promise<void> {
    const message = renderReminder(exchange, person, {
      publicBaseUrl: this.config.publicBaseUrl,
      outsideLiaison: false,
      kind: reminder.kind,
      organization: person.organization?.code,
    });
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({
        personId: person.id,
        kind: reminder.kind === 'exchange' ? 'exchange.reminder' : `exchange.${reminder.kind}`,
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
