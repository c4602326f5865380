import { Injectable } from '@nestjs/common';
import type { QueueCounts } from './monitoring.types';

/** Job counts per BullMQ queue and state. */
@Injectable()
export class QueueMonitor {
  counts(): Promise<QueueCounts[]> {
    throw new Error('not implemented');
  }
}
