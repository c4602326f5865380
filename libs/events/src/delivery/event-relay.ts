import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { EventRelayRepository, Transactions, tryAdvisoryLock } from '@liaison/persistence';
import { EventDeliveryMetrics } from './event-delivery-metrics';
import { DeliveryWakeups } from './delivery-wakeups';

/** The advisory lock that lets one relay run at a time across notifiers, so that deliveries are made in seq order. */
const EVENT_RELAY_LOCK = 0x4c45_5652; // "LEVR"

/**
 * The outbox relay: turns committed events into deliveries, batch after batch in seq order
 * (EventRelayRepository.relayBatch: a delivery per subscription that hears the event, and the
 * event stamped relayed, in one transaction under an advisory lock), then wakes the lanes given
 * something to send. It runs when Postgres says an outbox transaction committed (LISTEN/NOTIFY), and
 * every EVENT_RELAY_INTERVAL in case a notification was lost (the listening connection broke: it
 * listens again then). Wake-ups that come while it runs make it run once more, not once each.
 */
@Injectable()
export class EventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(EventRelay.name);
  private timer?: NodeJS.Timeout;
  private listener?: { close: () => Promise<void> };
  private running?: Promise<void>;
  private again = false;
  private stopped = false;

  constructor(
    private readonly transactions: Transactions,
    private readonly outbox: EventRelayRepository,
    private readonly wakeups: DeliveryWakeups,
    private readonly metrics: EventDeliveryMetrics,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
    this.timer = setInterval(() => {
      if (!this.listener) void this.listen();
      this.kick();
    }, this.config.events.relayIntervalMs);
    this.timer.unref();
    this.kick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const listener = this.listener;
    this.listener = undefined;
    await listener?.close().catch(() => undefined);
    await this.running;
  }

  /** Runs the relay now, or once more after the run in progress. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => (this.running = undefined));
  }

  /** Relays until no batch is full; resolves when done (a failure is logged: the next wake-up or tick tries again). */
  async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        while ((await this.relayOnce()) >= this.config.events.relayBatchSize && !this.stopped);
      } catch (error) {
        this.logger.error({ err: error instanceof Error ? error.message : String(error) }, 'event relay failed');
        return;
      }
    } while (this.again && !this.stopped);
  }

  /** One batch; returns the events relayed (0 when another notifier holds the relay). */
  private async relayOnce(): Promise<number> {
    const batch = await this.transactions.run(async (uow) => {
      if (!(await tryAdvisoryLock(uow, EVENT_RELAY_LOCK))) return null;
      return this.outbox.relayBatch(this.config.events.relayBatchSize, uow);
    });
    if (!batch || batch.relayed === 0) return 0;
    this.metrics.relay(batch.relayed, batch.lagSeconds);
    // After the commit; a wake-up lost here (Redis away) is the delivery sweep's to make good.
    await this.wakeups.wake(batch.lanes);
    return batch.relayed;
  }

  private async listen(): Promise<void> {
    try {
      this.listener = await this.outbox.listen(
        () => this.kick(),
        (error) => {
          this.listener = undefined;
          if (!this.stopped) this.logger.warn({ err: error.message }, 'event relay stopped listening; polling until it listens again');
        },
      );
    } catch (error) {
      this.logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'event relay could not listen; polling');
    }
  }
}
