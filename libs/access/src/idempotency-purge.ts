import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicPass } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { IdempotencyKeysRepository, Transactions, tryAdvisoryLock } from '@liaison/persistence';

/** Keys one batch deletes; a pass deletes at most BATCHES of them, the next pass the rest. */
const BATCH = 1000;
const BATCHES = 20;
/** The advisory lock that lets one purge run at a time, whatever the number of API processes. */
const PURGE_LOCK = 0x4c49_444b; // "LIDK"

/**
 * Every IDEMPOTENCY_PURGE_INTERVAL, in each API process, deletes the idempotency keys older than
 * IDEMPOTENCY_KEY_LIFETIME: in batches of BATCH, each its own short transaction under a Postgres
 * advisory lock (as the notifier's reminder sweep), at most BATCHES of them a pass.
 */
@Injectable()
export class IdempotencyPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly passes: PeriodicPass<number>;

  constructor(
    private readonly transactions: Transactions,
    private readonly keys: IdempotencyKeysRepository,
    @Inject(LIAISON_CONFIG) config: LiaisonConfig,
  ) {
    const logger = new Logger(IdempotencyPurge.name);
    this.passes = new PeriodicPass({
      what: 'idempotency key purge',
      intervalMs: config.idempotency.purgeIntervalMs,
      logger,
      run: () => this.purge(),
      report: (deleted) => {
        if (deleted > 0) logger.log({ deleted }, 'expired idempotency keys purged');
      },
    });
  }

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass; nothing when another process is purging. Returns the number of keys deleted. */
  async purge(): Promise<number> {
    let deleted = 0;
    for (let batch = 0; batch < BATCHES; batch++) {
      const count = await this.transactions.run(async (uow) => {
        return (await tryAdvisoryLock(uow, PURGE_LOCK)) ? this.keys.purgeExpired(BATCH, uow) : 0;
      });
      deleted += count;
      if (count < BATCH) break;
    }
    return deleted;
  }
}
