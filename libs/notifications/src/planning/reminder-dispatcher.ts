import { Injectable } from '@nestjs/common';
import type { FollowUpStage } from '@liaison/domain';
import { ReminderEntity, RemindersRepository, UnitOfWork } from '@liaison/persistence';
import { ReminderQueue } from '../queue/reminder-queue';

/**
 * Writes reminder rows and hands them to the queue. Rows are keyed: writing or dispatching the same
 * reminder again (an activity retried by Temporal) changes nothing.
 */
@Injectable()
export class ReminderDispatcher {
  constructor(
    private readonly reminders: RemindersRepository,
    private readonly queue: ReminderQueue,
  ) {}

  /**
   * Inserts the rows that do not exist yet (by key), in `uow`'s transaction when given, so that
   * they commit with the state change they follow from; returns the keys it inserted.
   */
  async write(rows: Partial<ReminderEntity>[], uow?: UnitOfWork): Promise<string[]> {
    if (rows.length === 0) return [];
    return this.reminders.insertNew(rows, uow);
  }

  /**
   * Marks the pending reminders among `keys` queued and enqueues one job each, the key as job id;
   * one not due yet waits in the queue as a delayed job until its due time.
   */
  async dispatch(keys: string[]): Promise<number> {
    if (keys.length === 0) return 0;
    const rows = await this.reminders.markQueued(keys);
    await this.queue.enqueue(rows.map((row) => ({ reminderId: row.id, key: row.key, dueAt: row.dueAt })));
    return rows.length;
  }

  /**
   * Dispatches the pending rows of one follow-up stage, written earlier in the transaction that
   * recorded the stage: the rows are the outbox, this the relay. Run after every attempt of the
   * stage's activity, the first or a retry (the worker died between the commit and the dispatch);
   * rows queued already are queued again under the same job id, which BullMQ ignores. The sweep
   * dispatches whatever no attempt did.
   */
  async dispatchStage(stage: FollowUpStage): Promise<number> {
    return this.dispatch(await this.reminders.keysOfStage(stage));
  }
}
