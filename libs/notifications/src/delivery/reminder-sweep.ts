import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { METRICS_REGISTRY, PeriodicPass } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { RemindersRepository, Transactions } from '@liaison/persistence';
import { Counter, Registry } from 'prom-client';
import { ReminderDispatcher } from '../planning/reminder-dispatcher';
import { ReminderQueue } from '../queue/reminder-queue';

/** Rows one pass looks at, oldest due first; the next pass takes the rest. */
const BATCH = 1000;
/** Queue lookups in flight at once. */
const LOOKUPS = 50;

export interface SweepResult {
  dispatched: number;
  requeued: number;
}

/**
 * The safety net under the reminder pipeline. Every REMINDER_SWEEP_INTERVAL it takes the reminders
 * still `scheduled` or `queued` REMINDER_SWEEP_GRACE after their due time, and
 * - dispatches the `scheduled` ones, whose workflow did not (its worker was down, say);
 * - requeues the `queued` ones that have no live job (Redis lost its data, or a job ended without
 *   its row being written).
 * What it hands over goes through the notifier like any reminder, so one that is no longer current
 * (a cancelled or moved exchange, a met deadline) is cancelled there, not sent. Many notifiers may
 * run it: a Postgres advisory lock lets one pass run at a time, and the keys make a second
 * enqueue of the same reminder a no-op.
 */
@Injectable()
export class ReminderSweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly passes: PeriodicPass<SweepResult>;
  private readonly swept: Counter<'action'>;

  constructor(
    private readonly transactions: Transactions,
    private readonly reminders: RemindersRepository,
    private readonly dispatcher: ReminderDispatcher,
    private readonly queue: ReminderQueue,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    @Inject(METRICS_REGISTRY) registry: Registry,
  ) {
    this.swept = new Counter({
      name: 'liaison_reminder_sweep_total',
      help: 'Reminders the sweep handed to the queue: dispatched (still scheduled after their due time) or requeued (queued, but no job in Redis)',
      labelNames: ['action'] as const,
      registers: [registry],
    });
    const logger = new Logger(ReminderSweep.name);
    this.passes = new PeriodicPass({
      what: 'reminder sweep',
      intervalMs: config.reminders.sweepIntervalMs,
      logger,
      run: () => this.sweep(),
      report: (result) => {
        if (result.dispatched + result.requeued > 0) logger.warn(result, 'sweep handed undelivered reminders to the queue');
      },
    });
  }

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass; nothing when another process holds the sweep. */
  async sweep(): Promise<SweepResult> {
    return this.transactions.run(async (uow) => {
      // Held until the transaction ends: one pass at a time, across notifiers.
      if (!(await this.reminders.lockSweep(uow))) return { dispatched: 0, requeued: 0 };
      const rows = await this.reminders.overdue(this.config.reminders.sweepGraceMs, BATCH, uow);
      const dispatched = await this.dispatcher.dispatch(rows.filter((row) => row.status === 'scheduled').map((row) => row.key));
      const queued = rows.filter((row) => row.status === 'queued');
      let requeued = 0;
      for (let i = 0; i < queued.length; i += LOOKUPS) {
        const chunk = queued.slice(i, i + LOOKUPS);
        const live = await Promise.all(chunk.map((row) => this.queue.hasLiveJob(row.key)));
        const lost = chunk.filter((_, j) => !live[j]);
        for (const row of lost) await this.queue.requeue({ reminderId: row.id, key: row.key });
        requeued += lost.length;
      }
      this.swept.inc({ action: 'dispatched' }, dispatched);
      this.swept.inc({ action: 'requeued' }, requeued);
      return { dispatched, requeued };
    });
  }
}
