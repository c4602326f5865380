import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExchangeScheduler } from '@liaison/exchanges';
import type { WorkflowStarts } from '@liaison/temporal';
import { DataSource } from 'typeorm';

/**
 * Tells an exchange's workflow that its action items changed (signal-with-start: it plans them again
 * from Postgres, started again if it had finished), and marks the items it was told of. A create or
 * a revision commits its item unmarked; an API process that dies before the signal leaves it so, and
 * the API's workflow start relay, which sees the exchanges of such items as its "unstarted" rows,
 * tells the workflow then.
 */
@Injectable()
export class ActionItemSignals implements WorkflowStarts {
  readonly kind = 'action-item';
  private readonly logger = new Logger(ActionItemSignals.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: ExchangeScheduler,
  ) {}

  /** Exchanges with an action item created or revised more than `graceMs` ago that their workflow was not told of. */
  async unstarted(graceMs: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ exchange_id: string }>>(
      `SELECT exchange_id FROM action_items
        WHERE workflow_signalled_at IS NULL AND revised_at < now() - make_interval(secs => $1::double precision / 1000)
        GROUP BY exchange_id ORDER BY min(revised_at) LIMIT $2`,
      [graceMs, limit],
    );
    return rows.map((row) => row.exchange_id);
  }

  /** The relay's call: tells the workflow if some item of the exchange is still untold; true if it did. */
  async startCommitted(exchangeId: string): Promise<boolean> {
    const untold = await this.untold(exchangeId);
    if (untold.length === 0) return false;
    await this.scheduler.actionItemsChanged(exchangeId);
    await this.mark(untold);
    return true;
  }

  /** After a create or a revision: tells the workflow, then marks what it was told of (a failed mark is left to the relay). */
  async tell(exchangeId: string): Promise<void> {
    const untold = await this.untold(exchangeId);
    await this.scheduler.actionItemsChanged(exchangeId);
    await this.mark(untold).catch((error: unknown) =>
      this.logger.warn(
        { exchangeId, err: error },
        'exchange workflow told of its action items but they were not marked; the relay marks them',
      ),
    );
  }

  private untold(exchangeId: string): Promise<Array<{ id: string; revision: number }>> {
    return this.dataSource.query(`SELECT id, revision FROM action_items WHERE exchange_id = $1 AND workflow_signalled_at IS NULL`, [
      exchangeId,
    ]);
  }

  /** Each item as it was read before the signal: a revision committed since is left for its own signal. */
  private async mark(items: Array<{ id: string; revision: number }>): Promise<void> {
    if (items.length === 0) return;
    await this.dataSource.query(
      `UPDATE action_items a SET workflow_signalled_at = now()
         FROM unnest($1::uuid[], $2::int[]) AS told(id, revision)
        WHERE a.id = told.id AND a.revision = told.revision AND a.workflow_signalled_at IS NULL`,
      [items.map((i) => i.id), items.map((i) => i.revision)],
    );
  }
}
