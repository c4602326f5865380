import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { NotificationEntity, PersonEntity, ReminderEntity } from '@liaison/persistence';
import { DataSource } from 'typeorm';
import type { ReminderContent } from '../delivery/reminder-content';
import { INBOX_KINDS } from './reminder-message';

/** Puts a reminder in the person's in-app inbox; a reminder makes at most one entry. */
@Injectable()
export class InboxChannel {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async deliver(reminder: ReminderEntity, person: PersonEntity, content: ReminderContent): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values({
        personId: person.id,
        kind: INBOX_KINDS[reminder.kind],
        exchangeId: content.exchangeId,
        supportRequestId: content.supportRequestId,
        reminderId: reminder.id,
        title: content.inbox.title,
        body: content.inbox.body,
        dueAt: reminder.dueAt,
        deliveredAt: new Date(),
        readAt: null,
      })
      .orIgnore()
      .execute();
  }
}
