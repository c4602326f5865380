import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import type { EventType } from '../../libs/domain/src';
import { EVENT_DELIVERY_QUEUE, SUBSCRIPTION_DISABLED_NOTICE } from '../../libs/events/src';
import { EventLanesRepository } from '../../libs/persistence/src';
import { Receiver, startReceiver } from '../../examples/webhook-receiver/receiver';
import { deliveriesOf, emit, newSecret, organizationId, subscribe, subscriptionOf, unrelayed } from '../support/event-delivery';
import { inboxOf } from '../support/exchanges';
import { createOrganization, createPerson, waitFor } from '../support/fixtures';
import { TestStack } from '../support/stack';

/**
 * Event delivery against the real stack (Postgres, Redis, the notifier, SMTP) and the example
 * receiver (examples/webhook-receiver: it verifies every request with the standardwebhooks package
 * and takes each webhook-id once): events written to the outbox as a state change writes them,
 * subscriptions written straight to the database. On a database of its own: the relay reads every
 * outbox row. Retries wait about a second here, a subscription failing for 4 s is disabled, and the
 * sweep looks every second.
 */
describe('event delivery', () => {
  let stack: TestStack;
  const receivers: Receiver[] = [];
  let un: string;
  let nato: string;

  const lane = () => `exchange:${randomUUID()}`;
  const exchangeEvent = async (organizations: string[], type: EventType, laneKey: string, n = 0) =>
    emit(stack, {
      type,
      lane: laneKey,
      organizationIds: await Promise.all(organizations.map((code) => organizationId(stack, code))),
      data: { id: laneKey.split(':')[1], n },
    });
  /** A receiver of its own and a subscription of `organization` to `events` pointing at it, signed with `secrets` (the first current). */
  const subscribedReceiver = async (
    organization: string,
    events: EventType[],
    secrets = [newSecret()],
    expiries: Array<Date | null> = [null],
  ) => {
    const receiver = await startReceiver({ secrets: [secrets[0]] });
    receivers.push(receiver);
    const subscription = await subscribe(
      stack,
      organization,
      receiver.url,
      events,
      secrets.map((secret, i) => ({ secret, expiresAt: expiries[i] ?? null })),
    );
    return { receiver, subscription };
  };
  const metric = async (line: string): Promise<number> => {
    const text = (await stack.notifierHttp().get('/metrics')).text;
    const found = text.split('\n').find((l) => l.startsWith(line));
    return found ? Number(found.split(' ').at(-1)) : 0;
  };
  const deliveredTo = (subscriptionId: string, count: number) =>
    waitFor(
      `${count} deliveries of ${subscriptionId} delivered`,
      () => deliveriesOf(stack, subscriptionId),
      (rows) => rows.filter((r) => r.status === 'delivered').length >= count,
    );

  beforeAll(async () => {
    stack = await TestStack.start(
      {
        EVENT_RETRY_BASE_DELAY: 'PT1S',
        EVENT_RETRY_MAX_DELAY: 'PT1S',
        EVENT_SUBSCRIPTION_DISABLE_AFTER: 'PT4S',
        EVENT_DELIVERY_SWEEP_INTERVAL: 'PT1S',
      },
      { ownDatabase: true },
    );
    un = await createOrganization(stack, 'UN', 'Europe/Brussels');
    nato = await createOrganization(stack, 'NATO', 'Europe/Brussels');
  });

  afterAll(async () => {
    await stack?.stop();
    await Promise.all(receivers.map((r) => r.close()));
  });

  it('delivers the envelope signed (Standard Webhooks), its webhook-id the event id, only to the organisations and types subscribed', async () => {
    const { receiver, subscription } = await subscribedReceiver(un, ['exchange.created']);
    const exchange = lane();
    const heard = await exchangeEvent([un, nato], 'exchange.created', exchange);
    const notSubscribed = await exchangeEvent([un], 'exchange.confirmed', exchange, 1);
    const otherOrganisation = await exchangeEvent([nato], 'exchange.created', lane());

    const [row] = await deliveredTo(subscription.id, 1);
    await waitFor(
      'every event relayed',
      () => unrelayed(stack),
      (n) => n === 0,
    );
    // Accepted: its signature verified with the subscription's secret.
    expect(receiver.receipts).toEqual([
      expect.objectContaining({
        webhookId: heard,
        duplicate: false,
        envelope: {
          id: heard,
          type: 'exchange.created',
          occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          organization: un,
          data: { id: exchange.split(':')[1], n: 0 },
        },
      }),
    ]);
    expect(receiver.rejected).toBe(0);
    expect(row).toMatchObject({ eventId: heard, status: 'delivered', attempts: 1, lastStatus: 204, lastError: null });
    expect(row.durationMs).not.toBeNull();
    expect(row.deliveredAt).not.toBeNull();
    // The type it did not subscribe to, and the event of an organisation it is not, made no delivery.
    expect((await deliveriesOf(stack, subscription.id)).map((r) => r.eventId)).toEqual([heard]);
    expect(receiver.receipts.map((r) => r.webhookId)).not.toContain(notSubscribed);
    expect(receiver.receipts.map((r) => r.webhookId)).not.toContain(otherOrganisation);
    expect(await metric('liaison_event_deliveries_total{outcome="delivered"}')).toBeGreaterThanOrEqual(1);
    expect(await metric('liaison_events_relayed_total')).toBeGreaterThanOrEqual(3);
  });

  it('keeps the order of each lane while a receiver refuses some attempts: the lane waits for its head', async () => {
    const { receiver, subscription } = await subscribedReceiver(nato, ['exchange.created', 'exchange.confirmed']);
    const [first, second] = [lane(), lane()];
    const ids: Record<string, string[]> = { [first]: [], [second]: [] };
    // The first event of the first lane is refused twice (500, then 503), then taken.
    let refused: string | undefined;
    const answers: number[] = [];
    receiver.respond = (_, webhookId) => {
      if (webhookId !== refused) return 204;
      answers.push([500, 503][answers.length] ?? 204);
      return answers.at(-1)!;
    };
    for (let n = 0; n < 5; n++) {
      for (const key of [first, second]) {
        const id = await exchangeEvent([nato], n % 2 ? 'exchange.confirmed' : 'exchange.created', key, n);
        refused ??= id;
        ids[key].push(id);
      }
    }

    const rows = await deliveredTo(subscription.id, 10);
    for (const key of [first, second]) {
      expect(receiver.accepted.filter((e) => ids[key].includes(e.id)).map((e) => e.id)).toEqual(ids[key]);
    }
    expect(answers).toEqual([500, 503, 204]);
    expect(rows.find((r) => r.eventId === refused)).toMatchObject({ attempts: 3, lastStatus: 204 });
    expect(receiver.duplicates).toBe(0);
    expect((await subscriptionOf(stack, subscription.id)).failingSince).toBeNull();
    expect(await metric('liaison_event_deliveries_total{outcome="failed"}')).toBeGreaterThanOrEqual(2);
  });

  it('during a rotation, signs with the current secret and the one rotated out, not with an expired one', async () => {
    const [current, rotated, expired] = [newSecret(), newSecret(), newSecret()];
    const organization = await createOrganization(stack, 'AU', 'Africa/Addis_Ababa');
    const { receiver, subscription } = await subscribedReceiver(
      organization,
      ['exchange.created'],
      [current, rotated, expired],
      [null, new Date(Date.now() + 3600_000), new Date(Date.now() - 1000)],
    );
    const send = async (secrets: string[]) => {
      receiver.secrets = secrets;
      return exchangeEvent([organization], 'exchange.created', lane());
    };

    // A receiver that knows only one of the two valid secrets verifies either way.
    for (const [i, secret] of [current, rotated].entries()) {
      const id = await send([secret]);
      await deliveredTo(subscription.id, i + 1);
      expect(receiver.accepted.map((e) => e.id)).toContain(id);
    }
    // One that knows only the expired secret verifies nothing: it was not among the signatures.
    const unverified = await send([expired]);
    await waitFor(
      'a request refused as unsigned',
      async () => receiver.rejected,
      (n) => n >= 1,
    );
    receiver.secrets = [current];
    await deliveredTo(subscription.id, 3);
    expect(receiver.accepted.map((e) => e.id)).toContain(unverified);
  });

  it('disables a subscription failing for EVENT_SUBSCRIPTION_DISABLE_AFTER and tells its coordinators in-app and by e-mail', async () => {
    const organization = await createOrganization(stack, 'OSCE', 'Europe/Vienna');
    const coordinator = await createPerson(stack, organization, { roles: ['coordinator'], email: true });
    const participant = await createPerson(stack, organization, { email: true });
    const { receiver, subscription } = await subscribedReceiver(organization, ['exchange.created']);
    receiver.respond = () => 503;
    const first = await exchangeEvent([organization], 'exchange.created', lane());

    const disabled = await waitFor(
      'the subscription disabled',
      () => subscriptionOf(stack, subscription.id),
      (s) => s.status === 'disabled',
    );
    expect(disabled.disabledReason).toMatch(/every delivery failed/);
    expect(disabled.disabledAt).not.toBeNull();
    expect(receiver.refused).toBeGreaterThanOrEqual(2);
    expect(receiver.accepted).toEqual([]);

    const [notice] = await waitFor(
      'the coordinator told in-app',
      async () => (await inboxOf(stack, coordinator)).filter((n) => n.kind === SUBSCRIPTION_DISABLED_NOTICE),
      (notices) => notices.length === 1,
    );
    expect(notice.body).toContain(receiver.url);
    const [mail] = await waitFor(
      'the coordinator told by e-mail',
      async () => stack.smtp.to(coordinator.email),
      (m) => m.length === 1,
    );
    expect(mail.mail.subject).toContain(organization);
    expect(mail.mail.text).toContain(receiver.url);
    expect(stack.smtp.to(participant.email)).toHaveLength(0);
    expect((await inboxOf(stack, participant)).filter((n) => n.kind === SUBSCRIPTION_DISABLED_NOTICE)).toHaveLength(0);

    // Disabled: a later event makes no delivery, and the pending one stays pending.
    const refusals = receiver.refused;
    const later = await exchangeEvent([organization], 'exchange.created', lane());
    await waitFor(
      'the later event relayed',
      () => unrelayed(stack),
      (n) => n === 0,
    );
    const rows = await deliveriesOf(stack, subscription.id);
    expect(rows.map((r) => [r.eventId, r.status])).toEqual([[first, 'pending']]);
    expect(rows.map((r) => r.eventId)).not.toContain(later);
    expect(receiver.refused).toBe(refusals);
  });

  it('delivers an event whose job was lost (the queue emptied while it waited): the sweep wakes its lane', async () => {
    const { receiver, subscription } = await subscribedReceiver(un, ['exchange.confirmed']);
    const queue = stack.inNotifier<Queue>(getQueueToken(EVENT_DELIVERY_QUEUE));
    const swept = await metric('liaison_event_delivery_sweep_total');
    await queue.pause();
    const id = await exchangeEvent([un], 'exchange.confirmed', lane());
    await waitFor(
      'the delivery made',
      () => deliveriesOf(stack, subscription.id),
      (rows) => rows.length === 1,
    );
    await waitFor(
      'its job queued',
      () => queue.getWaitingCount(),
      (n) => n >= 1,
    );
    // As if Redis had lost it: nothing in the queue says the lane has something due.
    await queue.drain(true);
    await queue.resume();

    const [row] = await deliveredTo(subscription.id, 1);
    expect(row).toMatchObject({ eventId: id, attempts: 1 });
    expect(receiver.accepted.map((e) => e.id)).toEqual([id]);
    expect(await metric('liaison_event_delivery_sweep_total')).toBeGreaterThan(swept);
  });

  it('gives a lane head to one claimer at a time, however many race for it, until its lease runs out', async () => {
    const { receiver, subscription } = await subscribedReceiver(nato, ['exchange.created']);
    const queue = stack.inNotifier<Queue>(getQueueToken(EVENT_DELIVERY_QUEUE));
    const lanes = stack.inNotifier(EventLanesRepository);
    const key = lane();
    await queue.pause();
    try {
      const id = await exchangeEvent([nato], 'exchange.created', key);
      await waitFor(
        'the delivery made',
        () => deliveriesOf(stack, subscription.id),
        (rows) => rows.length === 1,
      );

      const claims = await Promise.all(
        Array.from({ length: 20 }, () => lanes.claimHead({ subscriptionId: subscription.id, lane: key }, 60_000)),
      );
      const won = claims.filter((claim) => claim !== null);
      expect(won).toHaveLength(1);
      expect(won[0]).toMatchObject({ eventId: id, attempts: 1, organization: nato, url: receiver.url });
      // Leased: not due again while the lease lasts.
      expect(await lanes.claimHead({ subscriptionId: subscription.id, lane: key }, 60_000)).toBeNull();
      const [row] = await deliveriesOf(stack, subscription.id);
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    } finally {
      await queue.resume();
    }
  });
});
