import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { DataSource } from 'typeorm';
import { IdempotencyKeys } from './idempotency-keys.repository';

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
  private readonly logger = new Logger(IdempotencyPurge.name);
  private timer?: NodeJS.Timeout;
  private pass?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: IdempotencyKeys,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), this.config.idempotency.purgeIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.pass;
  }

  private tick(): void {
    if (this.pass) return;
    this.pass = this.purge()
      .then((deleted) => {
        if (deleted > 0) this.logger.log({ deleted }, 'expired idempotency keys purged');
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'idempotency key purge failed'),
      )
      .finally(() => (this.pass = undefined));
  }

  /** One pass; nothing when another process is purging. Returns the number of keys deleted. */
  async purge(): Promise<number> {
    let deleted = 0;
    for (let batch = 0; batch < BATCHES; batch++) {
      const count = await this.dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query<Array<{ locked: boolean }>>('SELECT pg_try_advisory_xact_lock($1) AS locked', [
          PURGE_LOCK,
        ]);
        return locked ? this.keys.purgeExpired(manager, BATCH) : 0;
      });
      deleted += count;
      if (count < BATCH) break;
    }
    return deleted;
  }
}
