import type { ClaimedDelivery } from '@liaison/persistence';

/** What a receiver gets: the body of every delivery of an event (docs/event-delivery.md). */
export interface EventEnvelope {
  /** The event's id, also the `webhook-id` header: the same at every attempt and for every subscription. */
  id: string;
  type: string;
  occurredAt: string;
  /** The code of the subscription's organisation. */
  organization: string;
  data: Record<string, unknown>;
}

export function envelopeOf(delivery: ClaimedDelivery): EventEnvelope {
  return {
    id: delivery.eventId,
    type: delivery.type,
    occurredAt: new Date(delivery.occurredAt).toISOString(),
    organization: delivery.organization,
    data: delivery.data,
  };
}
