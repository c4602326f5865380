import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicPass } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { DigestScheduleRow, DigestsRepository, Transactions } from '@liaison/persistence';
import { DigestMetrics } from './digest-metrics';
import { DigestQueue, SendDigestJob } from './digest-queue';
import { digestAt, DigestSchedule, nextDigestDue } from './digest-schedule';

/** A person with no working day within the horizon is looked at again this much later. */
const RECHECK_MS = 30 * 24 * 3600 * 1000;

export interface DigestPassResult {
  planned: number;
  queued: number;
  dropped: number;
}

/**
 * The morning digest's clock: no timer per person, one pass every DIGEST_PASS_INTERVAL in each
 * notifier (one at a time across notifiers, under a Postgres advisory lock). Batch after batch of
 * DIGEST_BATCH_SIZE, in one transaction each, it
 * - plans the people who opted in (or changed their zone or quiet hours) and have no due instant;
 * - claims the people whose due instant has come: their next due instant is set in one UPDATE, and
 *   one job per person queued under an id of the person and the day, before the transaction
 *   commits. A pass that dies before the commit leaves them due; the next one queues the same job
 *   ids again, which BullMQ ignores: at most one digest per person per day.
 */
@Injectable()
export class DigestPass implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(DigestPass.name);
  private readonly passes: PeriodicPass<DigestPassResult>;

  constructor(
    private readonly transactions: Transactions,
    private readonly digests: DigestsRepository,
    private readonly queue: DigestQueue,
    private readonly metrics: DigestMetrics,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {
    this.passes = new PeriodicPass({
      what: 'digest pass',
      intervalMs: config.digest.passIntervalMs,
      logger: this.logger,
      run: () => this.run(),
      report: (result) => {
        if (result.planned + result.queued + result.dropped > 0) this.logger.log(result, 'digest pass');
      },
    });
  }

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass: batches until none is full (or another notifier holds the pass). */
  async run(now: () => Date = () => new Date()): Promise<DigestPassResult> {
    const total: DigestPassResult = { planned: 0, queued: 0, dropped: 0 };
    const { batchSize } = this.config.digest;
    for (;;) {
      const batch = await this.batch(now(), batchSize);
      if (!batch) break;
      total.planned += batch.planned;
      total.queued += batch.queued;
      total.dropped += batch.dropped;
      if (batch.seen < batchSize) break;
    }
    return total;
  }

  private batch(now: Date, limit: number): Promise<(DigestPassResult & { seen: number }) | null> {
    return this.transactions.run(async (uow) => {
      if (!(await this.digests.lockPass(uow))) return null;
      const unplanned = await this.digests.unplanned(limit, uow);
      const due = await this.digests.due(now, limit, uow);
      const jobs: SendDigestJob[] = [];
      let dropped = 0;
      const plans = [
        ...unplanned.map((row) => ({ personId: row.personId, expected: null, next: nextOrRecheck(now, scheduleOf(row)) })),
        ...due.map((row) => {
          const schedule = scheduleOf(row);
          const dueAt = row.dueAt!;
          // Still a digest of the schedule as it is now? (A holiday may have been declared since it was planned.)
          const occurrence = digestAt(dueAt, schedule);
          if (occurrence) jobs.push({ personId: row.personId, day: occurrence.day, dueAt: dueAt.toISOString() });
          else dropped++;
          const after = new Date(Math.max(now.getTime(), dueAt.getTime()));
          return { personId: row.personId, expected: dueAt, next: nextOrRecheck(after, schedule) };
        }),
      ];
      const set = await this.digests.setDue(plans, uow);
      const claimed = jobs.filter((job) => set.has(job.personId));
      await this.queue.enqueue(claimed);
      this.metrics.planned.inc({ action: 'planned' }, unplanned.length);
      this.metrics.planned.inc({ action: 'queued' }, claimed.length);
      this.metrics.planned.inc({ action: 'dropped' }, dropped);
      return { planned: unplanned.length, queued: claimed.length, dropped, seen: Math.max(unplanned.length, due.length) };
    });
  }
}

function scheduleOf(row: DigestScheduleRow): DigestSchedule {
  return {
    zone: row.timezone,
    weekendDays: row.weekendDays.map(Number),
    holidays: row.holidays,
    quietHours: row.quietHoursStart && row.quietHoursEnd ? { start: row.quietHoursStart, end: row.quietHoursEnd } : null,
  };
}

function nextOrRecheck(after: Date, schedule: DigestSchedule): Date {
  return nextDigestDue(after, schedule)?.dueAt ?? new Date(after.getTime() + RECHECK_MS);
}
