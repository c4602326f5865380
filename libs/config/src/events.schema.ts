import { z } from 'zod';
import { duration } from './config-types';

/** The settings of event delivery to integrators' subscriptions (docs/event-delivery.md), spread into `configSchema`. */
export const eventSettings = {
  EVENT_RELAY_INTERVAL: duration
    .default('PT5S')
    .describe(
      "How often each notifier's relay looks for events not yet handed to their subscriptions, besides being woken by Postgres (LISTEN/NOTIFY) at each commit: the bound on an event's wait when a notification is lost. One relay at a time across notifiers.",
    ),
  EVENT_RELAY_BATCH_SIZE: z.coerce
    .number()
    .int()
    .min(1)
    .max(10000)
    .default(500)
    .describe('Events the relay hands to their subscriptions per transaction (1-10000); it takes batch after batch until none is full.'),
  EVENT_DELIVERY_CONCURRENCY: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .default(50)
    .describe("Lanes (a subscription and one resource's events) one notifier process delivers at the same time (1-1000)."),
  EVENT_RETRY_BASE_DELAY: duration
    .default('PT10S')
    .describe('Wait after the first failed attempt of an event delivery; it doubles at each further failure (with up to 20 % jitter).'),
  EVENT_RETRY_MAX_DELAY: duration.default('PT24H').describe('The longest wait between two attempts of an event delivery.'),
  EVENT_SUBSCRIPTION_DISABLE_AFTER: duration
    .default('P3D')
    .describe("A subscription whose deliveries have all failed for this long is disabled, and its organisation's coordinators told."),
  EVENT_DELIVERY_SWEEP_INTERVAL: duration
    .default('PT1M')
    .describe(
      'How often the sweep puts back on the queue the lanes whose next delivery is due and has waited that long (their job was lost: Redis restarted, a notifier killed).',
    ),
};

/** The typed settings of event delivery, in milliseconds. */
export interface EventDeliverySettings {
  relayIntervalMs: number;
  relayBatchSize: number;
  concurrency: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  disableAfterMs: number;
  sweepIntervalMs: number;
}
