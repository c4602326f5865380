import { Injectable, Logger } from '@nestjs/common';
import { ExchangeScheduler } from '@liaison/exchanges';
import { ActionItemsRepository } from '@liaison/persistence';
import type { WorkflowStarts } from '@liaison/temporal';

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
    private readonly items: ActionItemsRepository,
    private readonly scheduler: ExchangeScheduler,
  ) {}

  /** Exchanges with an action item created or revised more than `graceMs` ago that their workflow was not told of. */
  unstarted(graceMs: number, limit: number): Promise<string[]> {
    return this.items.exchangesUntoldSince(graceMs, limit);
  }

  /** The relay's call: tells the workflow if some item of the exchange is still untold; true if it did. */
  async startCommitted(exchangeId: string): Promise<boolean> {
    const untold = await this.items.untoldOf(exchangeId);
    if (untold.length === 0) return false;
    await this.scheduler.actionItemsChanged(exchangeId);
    await this.items.markTold(untold);
    return true;
  }

  /** After a create or a revision: tells the workflow, then marks what it was told of (a failed mark is left to the relay). */
  async tell(exchangeId: string): Promise<void> {
    const untold = await this.items.untoldOf(exchangeId);
    await this.scheduler.actionItemsChanged(exchangeId);
    await this.items
      .markTold(untold)
      .catch((error: unknown) =>
        this.logger.warn(
          { exchangeId, err: error },
          'exchange workflow told of its action items but they were not marked; the relay marks them',
        ),
      );
  }
}
