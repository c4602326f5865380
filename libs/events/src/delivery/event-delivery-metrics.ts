import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@liaison/common';
import { Counter, Histogram, Registry } from 'prom-client';

/** How one delivery attempt ended: the receiver answered 2xx, or not (it will be retried). */
export type EventDeliveryOutcome = 'delivered' | 'failed';

/** The event delivery metrics, on the notifier's /metrics registry (docs/operations.md). */
@Injectable()
export class EventDeliveryMetrics {
  private readonly attempts: Counter<'outcome'>;
  private readonly lateness: Histogram;
  private readonly relayLag: Histogram;
  private readonly relayed: Counter;
  private readonly disabled: Counter;
  private readonly swept: Counter;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.attempts = new Counter({
      name: 'liaison_event_deliveries_total',
      help: 'Event delivery attempts by outcome: delivered (the receiver answered 2xx) or failed (retried later)',
      labelNames: ['outcome'] as const,
      registers: [registry],
    });
    this.lateness = new Histogram({
      name: 'liaison_event_delivery_lateness_seconds',
      help: "Seconds from an event's commit (its occurredAt) to the receiver's 2xx, retries included",
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600, 86400],
      registers: [registry],
    });
    this.relayLag = new Histogram({
      name: 'liaison_event_relay_lag_seconds',
      help: 'Seconds from the commit of the oldest event of a relay batch to its relay into deliveries',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers: [registry],
    });
    this.relayed = new Counter({
      name: 'liaison_events_relayed_total',
      help: 'Events the relay took from the outbox and fanned out to their subscriptions',
      registers: [registry],
    });
    this.disabled = new Counter({
      name: 'liaison_event_subscriptions_disabled_total',
      help: 'Subscriptions disabled after failing for EVENT_SUBSCRIPTION_DISABLE_AFTER',
      registers: [registry],
    });
    this.swept = new Counter({
      name: 'liaison_event_delivery_sweep_total',
      help: 'Lanes the delivery sweep put back on the queue (their delivery was due and had no job: Redis restarted, a notifier killed)',
      registers: [registry],
    });
  }

  attempt(outcome: EventDeliveryOutcome, occurredAt?: Date): void {
    this.attempts.inc({ outcome });
    if (outcome === 'delivered' && occurredAt) this.lateness.observe(Math.max(0, (Date.now() - new Date(occurredAt).getTime()) / 1000));
  }

  relay(events: number, lagSeconds: number | null): void {
    this.relayed.inc(events);
    if (lagSeconds !== null) this.relayLag.observe(Math.max(0, lagSeconds));
  }

  subscriptionDisabled(): void {
    this.disabled.inc();
  }

  lanesSwept(lanes: number): void {
    this.swept.inc(lanes);
  }
}
