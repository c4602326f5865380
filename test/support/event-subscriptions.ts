import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventDeliveryEntity, EventOutboxEntity } from '../../libs/persistence/src';
import type { EventDeliveryStatus, EventType } from '../../libs/domain/src';
import { laneKey } from '../../libs/domain/src';
import type { TestStack } from './stack';
import { unexpected } from './typed-client';

export interface TestSubscription {
  id: string;
  /** The signing secret (`whsec_…`), shown only by the creating answer. */
  secret: string;
}

/**
 * `POST /v1/organizations/:code/event-subscriptions` through the typed client, as `token` (a coordinator of `code`, or the
 * admin token): the new subscription's id and its secret. Throws, with the answer, unless 201.
 */
export async function createSubscription(
  stack: TestStack,
  code: string,
  token: string,
  body: { url: string; events: EventType[]; description?: string },
): Promise<TestSubscription> {
  const { data, error, response } = await (
    await stack.client(token)
  ).POST('/v1/organizations/{code}/event-subscriptions', {
    params: { path: { code } },
    body,
  });
  if (!data || response.status !== 201) throw unexpected(`event subscription of ${code}`, response, error);
  return { id: data.id, secret: data.secret };
}

/**
 * An event of an exchange's lane in the outbox and its delivery to `subscriptionId`, written as the
 * relay would write it (through the outbox repository and the delivery entity), in the state
 * given: for the log and redelivery tests, without a relay or a receiver. Returns the delivery's id.
 */
export async function insertDelivery(
  stack: TestStack,
  subscription: { id: string; organizationId: string },
  state: { status: EventDeliveryStatus; attempts: number; lastStatus?: number | null; lastError?: string | null; exchangeId: string },
): Promise<{ deliveryId: string; eventId: string }> {
  const lane = laneKey({ kind: 'exchange', id: state.exchangeId });
  const eventId = randomUUID();
  const now = new Date();
  const delivered = state.status === 'delivered';
  // The event goes in already relayed, with its delivery, in one transaction: the stack's relay
  // must not make a second delivery of it.
  const inserted = await stack.api.get(DataSource).transaction(async (manager) => {
    await manager.insert(EventOutboxEntity, {
      id: eventId,
      type: 'exchange.created',
      lane,
      organizationIds: [subscription.organizationId],
      subscriptionId: null,
      data: { id: state.exchangeId },
      occurredAt: now,
      relayedAt: now,
    });
    const event = await manager.findOneByOrFail(EventOutboxEntity, { id: eventId });
    return manager.save(EventDeliveryEntity, {
      subscriptionId: subscription.id,
      eventId,
      lane,
      seq: String(event.seq),
      status: state.status,
      attempts: state.attempts,
      nextAttemptAt: new Date(now.getTime() + 3_600_000),
      // The attempts given were made before: an hour ago, so that a test waiting for the next
      // attempt never takes the seeded one for it, however fast the machine gets there.
      lastAttemptAt: state.attempts > 0 ? new Date(now.getTime() - 3_600_000) : null,
      lastStatus: state.lastStatus ?? null,
      lastError: state.lastError ?? null,
      durationMs: state.attempts > 0 ? 12 : null,
      deliveredAt: delivered ? now : null,
    });
  });
  return { deliveryId: inserted.id, eventId };
}
