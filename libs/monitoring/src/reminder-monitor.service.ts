import { Injectable } from '@nestjs/common';
import type { Principal } from '@liaison/access';
import type { Page } from '@liaison/common';
import type { AdminReminder, ReminderFilter } from './monitoring.types';

/** Reminder rows for admins (failed ones above all), and the retry of a failed one. */
@Injectable()
export class ReminderMonitor {
  list(_filter: ReminderFilter): Promise<Page<AdminReminder>> {
    throw new Error('not implemented');
  }

  /** Puts a failed reminder back on the queue with fresh attempts; 409 unless it is failed. */
  retry(_id: string, _principal: Principal): Promise<AdminReminder> {
    throw new Error('not implemented');
  }
}
