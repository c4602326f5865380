import { Injectable } from '@nestjs/common';
import { EventDeliveryQueue } from '@liaison/events';
import { ReminderQueue } from '@liaison/notifications';
import type { QueueCounts } from './monitoring.types';

/** Job counts per BullMQ queue and state: reminders (and iMIP messages), then event deliveries. */
@Injectable()
export class QueueMonitor {
  constructor(
    private readonly reminders: ReminderQueue,
    private readonly events: EventDeliveryQueue,
  ) {}

  async counts(): Promise<QueueCounts[]> {
    return Promise.all([this.reminders.counts(), this.events.counts()]);
  }
}
