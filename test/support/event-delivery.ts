import type { EventType } from '../../libs/domain/src';
import {
  EventDeliveryEntity,
  EventOutboxEntity,
  EventOutboxRepository,
  EventSubscriptionEntity,
  EventSubscriptionSecretEntity,
  OrganizationEntity,
  OutboxEventDraft,
} from '../../libs/persistence/src';
import { randomBytes } from 'node:crypto';
import { DataSource, IsNull } from 'typeorm';
import type { TestStack } from './stack';

/**
 * Subscriptions and events written straight into the database, for the delivery side's suites (the
 * subscriptions API and the emitting state changes are tested on their own): small on purpose.
 */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const db = (stack: TestStack) => stack.api.get(DataSource);

export async function organizationId(stack: TestStack, code: string): Promise<string> {
  return (await db(stack).getRepository(OrganizationEntity).findOneByOrFail({ code })).id;
}

/** An active subscription of the organisation to `events` at `url`; `secrets`: the current one first, then rotated ones with their expiry. */
export async function subscribe(
  stack: TestStack,
  organization: string,
  url: string,
  events: EventType[],
  secrets: Array<{ secret: string; expiresAt: Date | null }> = [{ secret: newSecret(), expiresAt: null }],
): Promise<{ id: string; secrets: string[] }> {
  const subscription = await db(stack)
    .getRepository(EventSubscriptionEntity)
    .save({ organizationId: await organizationId(stack, organization), url, events, description: null, status: 'active' });
  await db(stack)
    .getRepository(EventSubscriptionSecretEntity)
    .insert(secrets.map((s) => ({ subscriptionId: subscription.id, ...s })));
  return { id: subscription.id, secrets: secrets.map((s) => s.secret) };
}

/** An event committed to the outbox, as a state change would write it; returns its id. */
export function emit(stack: TestStack, draft: OutboxEventDraft): Promise<string> {
  return stack.api.get(EventOutboxRepository).append(draft);
}

export function subscriptionOf(stack: TestStack, id: string): Promise<EventSubscriptionEntity> {
  return db(stack).getRepository(EventSubscriptionEntity).findOneByOrFail({ id });
}

export function deliveriesOf(stack: TestStack, subscriptionId: string): Promise<EventDeliveryEntity[]> {
  return db(stack)
    .getRepository(EventDeliveryEntity)
    .find({ where: { subscriptionId }, order: { seq: 'ASC' } });
}

/** Events in the outbox the relay has not taken yet. */
export function unrelayed(stack: TestStack): Promise<number> {
  return db(stack).getRepository(EventOutboxEntity).countBy({ relayedAt: IsNull() });
}
