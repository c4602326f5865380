import { DataSource } from 'typeorm';
import { EventDeliveryEntity, EventOutboxEntity, EventOutboxRepository } from '../../libs/persistence/src';
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
  const eventId = await stack.api.get(EventOutboxRepository).append({
    type: 'exchange.created',
    lane,
    organizationIds: [subscription.organizationId],
    data: { id: state.exchangeId },
  });
  const dataSource = stack.api.get(DataSource);
  const event = await dataSource.getRepository(EventOutboxEntity).findOneByOrFail({ id: eventId });
  const now = new Date();
  const delivered = state.status === 'delivered';
  const inserted = await dataSource.getRepository(EventDeliveryEntity).save({
    subscriptionId: subscription.id,
    eventId,
    lane,
    seq: String(event.seq),
    status: state.status,
    attempts: state.attempts,
    nextAttemptAt: new Date(now.getTime() + 3_600_000),
    lastAttemptAt: state.attempts > 0 ? now : null,
    lastStatus: state.lastStatus ?? null,
    lastError: state.lastError ?? null,
    durationMs: state.attempts > 0 ? 12 : null,
    deliveredAt: delivered ? now : null,
  });
  return { deliveryId: inserted.id, eventId };
}
