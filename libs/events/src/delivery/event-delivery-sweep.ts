import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PeriodicPass } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { EventLanesRepository } from '@liaison/persistence';
import { EventDeliveryMetrics } from './event-delivery-metrics';
import { EventDeliveryQueue } from './event-delivery-queue';

/** Lanes one pass puts back at most; the next pass takes the rest. */
const BATCH = 1000;

/**
 * The safety net under event delivery: every EVENT_DELIVERY_SWEEP_INTERVAL it wakes the lanes of
 * active subscriptions whose next delivery has been due for that long, whose job was lost (Redis
 * restarted, a notifier killed, a lease that ran out). A lane woken twice costs one claim that finds
 * nothing due: the rows, not the jobs, say what is sent.
 */
@Injectable()
export class EventDeliverySweep implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly passes: PeriodicPass<number>;

  constructor(
    private readonly deliveries: EventLanesRepository,
    private readonly queue: EventDeliveryQueue,
    private readonly metrics: EventDeliveryMetrics,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {
    const logger = new Logger(EventDeliverySweep.name);
    this.passes = new PeriodicPass({
      what: 'event delivery sweep',
      intervalMs: config.events.sweepIntervalMs,
      logger,
      run: () => this.sweep(),
      report: (lanes) => {
        if (lanes > 0) logger.warn({ lanes }, 'sweep woke lanes whose delivery was due without a job');
      },
    });
  }

  onApplicationBootstrap(): void {
    this.passes.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.passes.stop();
  }

  /** One pass; returns the lanes woken. */
  async sweep(): Promise<number> {
    const lanes = await this.deliveries.dueLanes(this.config.events.sweepIntervalMs, BATCH);
    await this.queue.wake(lanes);
    this.metrics.lanesSwept(lanes.length);
    return lanes.length;
  }
}
