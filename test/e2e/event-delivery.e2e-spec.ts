import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { EVENT_DELIVERY_QUEUE, SUBSCRIPTION_DISABLED_NOTICE } from '../../libs/events/src';
import { EventReceiver } from '../support/event-receiver';
import { deliveriesOf, emit, newSecret, organizationId, subscribe, subscriptionOf, unrelayed } from '../support/event-subscriptions';
import { inboxOf } from '../support/exchanges';
import { createOrganization, createPerson, waitFor } from '../support/fixtures';
import { TestStack } from '../support/stack';

/**
 * Event delivery against the real stack (Postgres, Redis, the notifier, an HTTP receiver, SMTP):
 * events written to the outbox as a state change writes them, subscriptions written straight to
 * the database. On a database of its own: the relay reads every outbox row. Retries wait about a
 * second here, a subscription failing for 4 s is disabled, and the sweep looks every second.
 */
describe('event delivery', () => {
  let stack: TestStack;
  const receiver = new EventReceiver();
  let un: string;
  let nato: string;

  const lane = (kind: string) => `${kind}:${randomUUID()}`;
  const exchangeEvent = async (organizations: string[], type: 'exchange.created' | 'exchange.confirmed', laneKey: string, n = 0) =>
    emit(stack, {
      type,
      lane: laneKey,
      organizationIds: await Promise.all(organizations.map((code) => organizationId(stack, code))),
      data: { id: laneKey.split(':')[1], n },
    });
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
    await receiver.start();
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
    await receiver.stop();
  });

  it('delivers the envelope signed (Standard Webhooks), its webhook-id the event id, only to the organisations and types subscribed', async () => {
    const subscription = await subscribe(stack, un, receiver.url, ['exchange.created']);
    const exchange = lane('exchange');
    const heard = await exchangeEvent([un, nato], 'exchange.created', exchange);
    const notSubscribed = await exchangeEvent([un], 'exchange.confirmed', exchange, 1);
    const otherOrganisation = await exchangeEvent([nato], 'exchange.created', lane('exchange'));

    const [row] = await deliveredTo(subscription.id, 1);
    await waitFor(
      'every event relayed',
      () => unrelayed(stack),
      (n) => n === 0,
    );
    const request = receiver.requests.find((r) => r.headers['webhook-id'] === heard)!;
    expect(new Webhook(subscription.secrets[0]).verify(request.body, request.headers)).toEqual({
      id: heard,
      type: 'exchange.created',
      occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      organization: un,
      data: { id: exchange.split(':')[1], n: 0 },
    });
    expect(request.headers['content-type']).toBe('application/json');
    expect(row).toMatchObject({ eventId: heard, status: 'delivered', attempts: 1, lastStatus: 204, lastError: null });
    expect(row.durationMs).not.toBeNull();
    expect(row.deliveredAt).not.toBeNull();
    // The type it did not subscribe to, and the event of an organisation it is not, made no delivery.
    expect((await deliveriesOf(stack, subscription.id)).map((r) => r.eventId)).toEqual([heard]);
    expect(receiver.requests.map((r) => r.headers['webhook-id'])).not.toContain(notSubscribed);
    expect(receiver.requests.map((r) => r.headers['webhook-id'])).not.toContain(otherOrganisation);
    expect(await metric('liaison_event_deliveries_total{outcome="delivered"}')).toBeGreaterThanOrEqual(1);
    expect(await metric('liaison_events_relayed_total')).toBeGreaterThanOrEqual(3);
  });

  it('keeps the order of each lane while a receiver refuses some attempts: the lane waits for its head', async () => {
    const subscription = await subscribe(stack, nato, receiver.url, ['exchange.created', 'exchange.confirmed']);
    const [first, second] = [lane('exchange'), lane('exchange')];
    const ids: Record<string, string[]> = { [first]: [], [second]: [] };
    // The first event of the first lane is refused twice (500, then 503), then taken.
    let refused: string | undefined;
    receiver.respond = (attempt, eventId) => (eventId === refused && attempt <= 2 ? (attempt === 1 ? 500 : 503) : 204);
    for (let n = 0; n < 5; n++) {
      for (const key of [first, second]) {
        const id = await exchangeEvent([nato], n % 2 ? 'exchange.confirmed' : 'exchange.created', key, n);
        refused ??= id;
        ids[key].push(id);
      }
    }

    const rows = await deliveredTo(subscription.id, 10);
    for (const key of [first, second]) {
      const taken = receiver.delivered().filter((e) => e.organization === nato && ids[key].includes(e.id));
      expect(taken.map((e) => e.id)).toEqual(ids[key]);
    }
    const head = rows.find((r) => r.eventId === refused)!;
    expect(head).toMatchObject({ attempts: 3, lastStatus: 204 });
    // Every attempt of an event carries the same webhook-id; the refused ones came first.
    expect(receiver.requests.filter((r) => r.headers['webhook-id'] === refused).map((r) => r.status)).toEqual([500, 503, 204]);
    expect((await subscriptionOf(stack, subscription.id)).failingSince).toBeNull();
    expect(await metric('liaison_event_deliveries_total{outcome="failed"}')).toBeGreaterThanOrEqual(2);
  });

  it('during a rotation, signs with the current secret and the one rotated out, not with an expired one', async () => {
    const [current, rotated, expired] = [newSecret(), newSecret(), newSecret()];
    const organization = await createOrganization(stack, 'AU', 'Africa/Addis_Ababa');
    const subscription = await subscribe(
      stack,
      organization,
      receiver.url,
      ['exchange.created'],
      [
        { secret: current, expiresAt: null },
        { secret: rotated, expiresAt: new Date(Date.now() + 3600_000) },
        { secret: expired, expiresAt: new Date(Date.now() - 1000) },
      ],
    );
    const id = await exchangeEvent([organization], 'exchange.created', lane('exchange'));

    await deliveredTo(subscription.id, 1);
    const request = receiver.requests.find((r) => r.headers['webhook-id'] === id)!;
    expect(request.headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(current).verify(request.body, request.headers)).not.toThrow();
    expect(() => new Webhook(rotated).verify(request.body, request.headers)).not.toThrow();
    expect(() => new Webhook(expired).verify(request.body, request.headers)).toThrow();
  });

  it('disables a subscription failing for EVENT_SUBSCRIPTION_DISABLE_AFTER and tells its coordinators in-app and by e-mail', async () => {
    const organization = await createOrganization(stack, 'OSCE', 'Europe/Vienna');
    const coordinator = await createPerson(stack, organization, { roles: ['coordinator'], email: true });
    const participant = await createPerson(stack, organization, { email: true });
    const subscription = await subscribe(stack, organization, receiver.url, ['exchange.created']);
    const failing = lane('exchange');
    receiver.respond = () => 503;
    const first = await exchangeEvent([organization], 'exchange.created', failing);

    const disabled = await waitFor(
      'the subscription disabled',
      () => subscriptionOf(stack, subscription.id),
      (s) => s.status === 'disabled',
    );
    expect(disabled.disabledReason).toMatch(/every delivery failed/);
    expect(disabled.disabledAt).not.toBeNull();
    const attempts = receiver.requests.filter((r) => r.headers['webhook-id'] === first);
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(attempts.every((r) => r.status === 503)).toBe(true);

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

    // Disabled: a later event makes no delivery, and the pending one is not tried again.
    const later = await exchangeEvent([organization], 'exchange.created', lane('exchange'));
    await waitFor(
      'the later event relayed',
      () => unrelayed(stack),
      (n) => n === 0,
    );
    expect((await deliveriesOf(stack, subscription.id)).map((r) => r.eventId)).toEqual([first]);
    expect(receiver.requests.map((r) => r.headers['webhook-id'])).not.toContain(later);
  });

  it('delivers an event whose job was lost (the queue emptied while it waited): the sweep wakes its lane', async () => {
    const subscription = await subscribe(stack, un, receiver.url, ['exchange.confirmed']);
    const queue = stack.inNotifier<Queue>(getQueueToken(EVENT_DELIVERY_QUEUE));
    receiver.respond = () => 204;
    const swept = await metric('liaison_event_delivery_sweep_total');
    await queue.pause();
    const id = await exchangeEvent([un], 'exchange.confirmed', lane('exchange'));
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
    expect(await metric('liaison_event_delivery_sweep_total')).toBeGreaterThan(swept);
  });
});
