import { Injectable } from '@nestjs/common';
import { Batcher } from '@liaison/common';
import { InboxEntry, NotificationsRepository, PersonEntity, ReminderEntity } from '@liaison/persistence';
import type { ReminderContent } from '../delivery/reminder-content';
import { INBOX_KINDS } from './reminder-message';

/**
 * Marks a reminder sent and puts it in the person's in-app inbox, in one statement
 * (`NotificationsRepository.deliverToInbox`): both happen or neither, a reminder makes at most one
 * inbox entry, and a row already sent, cancelled or skipped is left as it is. Entries written while
 * another write is in flight go together in the next statement.
 */
@Injectable()
export class InboxChannel {
  private readonly batcher = new Batcher((entries: InboxEntry[]) => this.write(entries), { maxSize: 100, maxInFlight: 2 });

  constructor(private readonly notifications: NotificationsRepository) {}

  /** True when this call marked the reminder sent; false when it had been sent, cancelled or skipped meanwhile. */
  deliver(reminder: ReminderEntity, person: PersonEntity, content: ReminderContent, deliveredAt: Date): Promise<boolean> {
    return this.batcher.call({
      reminderId: reminder.id,
      personId: person.id,
      kind: INBOX_KINDS[reminder.kind],
      exchangeId: content.exchangeId,
      supportRequestId: content.supportRequestId,
      title: content.inbox.title,
      body: content.inbox.body,
      dueAt: reminder.dueAt,
      deliveredAt,
    });
  }

  private async write(entries: InboxEntry[]): Promise<boolean[]> {
    // A reminder twice in one batch is marked once: only its first entry counts as sent.
    const marked = new Set(await this.notifications.deliverToInbox(entries));
    return entries.map((entry) => marked.delete(entry.reminderId));
  }
}
