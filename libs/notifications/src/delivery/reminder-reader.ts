import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Batcher } from '@liaison/common';
import { ReminderEntity } from '@liaison/persistence';
import { DataSource, In } from 'typeorm';

/** A reminder with what every delivery reads: its person and their organisation, and its exchange and action item when it has them. */
export type LoadedReminder = ReminderEntity & { person: NonNullable<ReminderEntity['person']> };

/**
 * Reads reminders for delivery in one joined query, shared by the jobs that start while a read is
 * in flight: a burst of N jobs costs N/100 round trips instead of 3N.
 */
@Injectable()
export class ReminderReader {
  private readonly batcher = new Batcher((ids: string[]) => this.read(ids), { maxSize: 100, maxInFlight: 2 });

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The reminder as it is now, or null when its row is gone. */
  load(id: string): Promise<LoadedReminder | null> {
    return this.batcher.call(id);
  }

  private async read(ids: string[]): Promise<(LoadedReminder | null)[]> {
    const rows = await this.dataSource.getRepository(ReminderEntity).find({
      where: { id: In([...new Set(ids)]) },
      relations: { person: { organization: true }, exchange: true, actionItem: true },
    });
    const byId = new Map(rows.map((row) => [row.id, row as LoadedReminder]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
