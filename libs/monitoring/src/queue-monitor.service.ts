import { Injectable } from '@nestjs/common';
import { ReminderQueue } from '@liaison/notifications';
import type { QueueCounts } from './monitoring.types';

/** Job counts per BullMQ queue and state. Liaison has one queue: reminders (and iMIP cancellations). */
@Injectable()
export class QueueMonitor {
  constructor(private readonly reminders: ReminderQueue) {}

  async counts(): Promise<QueueCounts[]> {
    return [await this.reminders.counts()];
  }
}
