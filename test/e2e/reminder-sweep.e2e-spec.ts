import { getQueueToken } from '@nestjs/bullmq';
import type { Client } from '@temporalio/client';
import type { Queue } from 'bullmq';
import { ReminderSweep } from '../../libs/notifications/src/delivery/reminder-sweep';
import { REMINDER_QUEUE } from '../../libs/notifications/src/queue/reminder-queue';
import { RemindersRepository } from '../../libs/persistence/src/repositories/reminders.repository';
import { LiaisonNextDeadline, TEMPORAL_CLIENT } from '../../libs/temporal/src';
import { Cast, createExchange, exchangeBody, inboxOf, planningLeadMs, plannedInTime, remindersOf, useStack } from '../support/exchanges';
import { inSeconds, waitFor } from '../support/fixtures';
import { TestStack } from '../support/stack';

type World = { stack: TestStack; cast: Cast };

/**
 * How long after its due time a pending reminder counts as lost for the sweep (REMINDER_SWEEP_GRACE).
 * Not a second or two: a reminder that is merely late on a busy machine must not look lost. The
 * suite runs on a database of its own (the sweep reads every row), so no other suite's rows are in
 * its passes.
 */
const GRACE = 'PT10S';

/** Two participants × (in-app + e-mail). */
const REMINDERS = 4;

/** An exchange whose one reminder offset (PT1M) falls due `leadSeconds` from now, and its four planned rows. */
async function exchangeWithReminders(world: World, leadSeconds: number) {
  const exchange = await createExchange(
    world.stack,
    world.cast.unCoordinator,
    exchangeBody(world.cast, {
      startsAt: inSeconds(leadSeconds + 60),
      participantIds: world.cast.participants.map((p) => p.id),
      reminderOffsets: ['PT1M'],
    }),
  );
  const planned = await plannedInTime(world.stack, world.cast.unCoordinator, exchange.id as string, REMINDERS);
  return { exchange, planned };
}

/** Waits until every reminder of the exchange is sent, and checks each went out once, after its due time: one attempt, one inbox entry, one mail. */
async function deliveredOnce(world: World, exchangeId: string): Promise<void> {
  const rows = await waitFor(
    'every reminder sent',
    () => remindersOf(world.stack, world.cast.unCoordinator, exchangeId),
    (current) => current.length === REMINDERS && current.every((r) => r.status === 'sent'),
  );
  expect(rows.map((r) => r.attempts)).toEqual(Array(REMINDERS).fill(1));
  expect(rows.filter((r) => Date.parse(r.sentAt) < Date.parse(r.dueAt))).toEqual([]);
  for (const person of world.cast.participants) {
    expect((await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchangeId)).toHaveLength(1);
    const key = rows.find((r) => r.personId === person.id && r.channel === 'email')!.key as string;
    const mails = world.stack.smtp.to(person.email).map((m) => m.mail.headers.get('x-liaison-reminder') as string);
    expect(mails.filter((header) => header.startsWith(`ex.${exchangeId}.`))).toEqual([key]);
  }
}

/**
 * Waits until the sweep would take these rows: still pending REMINDER_SWEEP_GRACE after their due
 * time, by the database's clock (the repository's own query, read without the sweep's lock).
 */
async function overdueForTheSweep(world: World, keys: string[]): Promise<void> {
  const reminders = world.stack.api.get(RemindersRepository, { strict: false });
  await waitFor(
    `the ${keys.length} reminders overdue for the sweep`,
    async () => (await reminders.overdue(world.stack.config.reminders.sweepGraceMs, 10_000)).filter((r) => keys.includes(r.key)),
    (overdue) => overdue.length === keys.length,
  );
}

/**
 * The sweep under the reminder pipeline, on the real stack: reminders whose queue jobs Redis lost,
 * and reminders whose workflow could not dispatch them (its worker down), are delivered all the
 * same, each exactly once.
 */
describe('reminder sweep', () => {
  describe('every second, ten seconds after the due time', () => {
    // Queued at the due time (no delayed jobs), so a stopped worker leaves them `scheduled`.
    const world = useStack(
      2,
      { REMINDER_SWEEP_INTERVAL: 'PT1S', REMINDER_SWEEP_GRACE: GRACE, REMINDER_QUEUE_AHEAD: 'PT0S' },
      { ownDatabase: true },
    );
    /** A reminder due this far ahead is planned before it falls due on this machine (see planningLeadMs). */
    let leadSeconds: number;
    beforeAll(async () => {
      leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
    });

    it('requeues reminders whose jobs Redis lost', async () => {
      // The notifier is away while the workflow queues the reminders; then the queue is wiped, as a
      // Redis restart without persistence would, and the notifier comes back.
      await world.stack.stopNotifier();
      const { exchange } = await exchangeWithReminders(world, leadSeconds);
      await waitFor(
        'the reminders queued (at their due time)',
        () => remindersOf(world.stack, world.cast.unCoordinator, exchange.id as string),
        (rows) => rows.length === REMINDERS && rows.every((r) => r.status === 'queued'),
      );
      const queue = world.stack.api.get<Queue>(getQueueToken(REMINDER_QUEUE));
      await queue.obliterate({ force: true });
      expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 0 });
      await world.stack.startNotifier();

      await deliveredOnce(world, exchange.id as string);
    });

    it('dispatches reminders whose workflow could not, and the workflow then sends nothing more', async () => {
      const { exchange } = await exchangeWithReminders(world, leadSeconds);
      await world.stack.stopWorker();
      try {
        // Stopped before their due time: the workflow has not handed them to the queue.
        expect((await remindersOf(world.stack, world.cast.unCoordinator, exchange.id as string)).map((r) => r.status)).toEqual(
          Array(REMINDERS).fill('scheduled'),
        );
        await deliveredOnce(world, exchange.id as string);
      } finally {
        await world.stack.startWorker();
      }
      // The workflow catches up with its timer and dispatches the slot: the rows are sent already,
      // so it queues nothing. Its next deadline moves to the exchange's end only once every timer
      // before the start has been handled.
      const endsAt = new Date(Date.parse(exchange.startsAt as string) + 60 * 60_000).toISOString();
      const handle = world.stack.api.get<Client>(TEMPORAL_CLIENT).workflow.getHandle(`exchange-${exchange.id as string}`);
      await waitFor(
        "the workflow past its reminder timer (its next deadline the exchange's end)",
        async () => (await handle.describe()).typedSearchAttributes.get(LiaisonNextDeadline)?.toISOString(),
        (next) => next === endsAt,
      );
      await deliveredOnce(world, exchange.id as string);
    });
  });

  describe('run by several notifiers at once', () => {
    // A long interval: the passes here are called by the test.
    const world = useStack(2, { REMINDER_SWEEP_INTERVAL: 'PT1H', REMINDER_SWEEP_GRACE: GRACE }, { ownDatabase: true });
    let leadSeconds: number;
    beforeAll(async () => {
      leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
    });

    it('hands each lost reminder to the queue once, whichever pass takes it', async () => {
      await world.stack.stopNotifier();
      const { exchange } = await exchangeWithReminders(world, leadSeconds);
      // Queued ahead of their due time (REMINDER_QUEUE_AHEAD, a minute), then lost with the queue.
      const lost = await waitFor(
        'the reminders queued',
        () => remindersOf(world.stack, world.cast.unCoordinator, exchange.id as string),
        (rows) => rows.length === REMINDERS && rows.every((r) => r.status === 'queued'),
      );
      const queue = world.stack.api.get<Queue>(getQueueToken(REMINDER_QUEUE));
      await queue.obliterate({ force: true });
      // Once due and past the grace, they are lost for the sweep.
      await overdueForTheSweep(
        world,
        lost.map((r) => r.key as string),
      );
      await world.stack.startNotifier();

      const sweep = world.stack.inNotifier(ReminderSweep);
      const passes = await Promise.all([sweep.sweep(), sweep.sweep(), sweep.sweep()]);
      expect(passes.reduce((sum, pass) => sum + pass.requeued + pass.dispatched, 0)).toBe(lost.length);

      await deliveredOnce(world, exchange.id as string);
      // Another pass finds nothing left to do.
      expect(await sweep.sweep()).toEqual({ dispatched: 0, requeued: 0 });
    });
  });
});
