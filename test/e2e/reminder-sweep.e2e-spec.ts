import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { ReminderSweep } from '../../libs/notifications/src/delivery/reminder-sweep';
import { REMINDER_QUEUE } from '../../libs/notifications/src/queue/reminder-queue';
import { createExchange, exchangeBody, inboxOf, remindersOf, useStack } from '../support/exchanges';
import { eventually, inSeconds, sleep } from '../support/fixtures';

/**
 * The sweep under the reminder pipeline, on the real stack: reminders whose queue jobs Redis lost,
 * and reminders whose workflow could not dispatch them (its worker down), are delivered all the
 * same, each exactly once. In-app only: the participants have e-mail off.
 */
describe('reminder sweep', () => {
  describe('every second, two seconds after the due time', () => {
    // Queued at the due time (no delayed jobs), so a stopped worker leaves them `scheduled`.
    const world = useStack(2, { REMINDER_SWEEP_INTERVAL: 'PT1S', REMINDER_SWEEP_GRACE: 'PT2S', REMINDER_QUEUE_AHEAD: 'PT0S' });
    const coordinator = () => world.cast.unCoordinator;

    /** Two in-app reminders of a new exchange (one per participant), due in `dueIn` seconds. */
    async function exchangeWithReminders(dueIn: number) {
      const participants = [world.cast.participants[0], world.cast.participants[1]];
      const exchange = await createExchange(
        world.stack,
        coordinator(),
        exchangeBody({ startsAt: inSeconds(dueIn + 60), participantIds: participants.map((p) => p.id), reminderOffsets: ['PT1M'] }),
      );
      const planned = await eventually(
        async () => {
          const rows = (await remindersOf(world.stack, coordinator(), exchange.id)).filter((r) => r.channel === 'inapp');
          return rows.length === 2 ? rows : undefined;
        },
        15_000,
        'the reminders to be planned',
      );
      return { exchange, participants, planned };
    }

    async function deliveredOnce(exchangeId: string, participants: typeof world.cast.participants) {
      const rows = await eventually(
        async () => {
          const current = (await remindersOf(world.stack, coordinator(), exchangeId)).filter((r) => r.channel === 'inapp');
          return current.every((r) => r.status === 'sent') ? current : undefined;
        },
        30_000,
        'every reminder sent',
      );
      expect(rows.map((r) => r.attempts)).toEqual([1, 1]);
      for (const person of participants) {
        const inbox = (await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchangeId);
        expect(inbox).toHaveLength(1);
      }
    }

    it('requeues reminders whose jobs Redis lost', async () => {
      // The notifier is away while the workflow queues the reminders; then the queue is wiped, as a
      // Redis restart without persistence would, and the notifier comes back.
      await world.stack.stopNotifier();
      const { exchange, participants } = await exchangeWithReminders(4);
      await eventually(
        async () => {
          const rows = (await remindersOf(world.stack, coordinator(), exchange.id)).filter((r) => r.channel === 'inapp');
          return rows.every((r) => r.status === 'queued') ? true : undefined;
        },
        20_000,
        'the reminders to be queued',
      );
      const queue = world.stack.api.get<Queue>(getQueueToken(REMINDER_QUEUE));
      await queue.obliterate({ force: true });
      expect(await queue.getJobCounts('waiting', 'delayed')).toEqual({ waiting: 0, delayed: 0 });
      await world.stack.startNotifier();

      await deliveredOnce(exchange.id as string, participants);
    });

    it('dispatches reminders whose workflow could not, and the workflow then sends nothing more', async () => {
      const { exchange, participants } = await exchangeWithReminders(4);
      await world.stack.stopWorker();
      try {
        await deliveredOnce(exchange.id as string, participants);
      } finally {
        await world.stack.startWorker();
      }
      // The workflow catches up with its timer: the rows are sent already, so it queues nothing.
      await sleep(3000);
      await deliveredOnce(exchange.id as string, participants);
    });
  });

  describe('run by several notifiers at once', () => {
    // A long interval: the passes here are called by the test.
    const world = useStack(2, { REMINDER_SWEEP_INTERVAL: 'PT1H', REMINDER_SWEEP_GRACE: 'PT1S' });

    it('hands each lost reminder to the queue once, whichever pass takes it', async () => {
      await world.stack.stopNotifier();
      const participants = [world.cast.participants[0], world.cast.participants[1]];
      const exchange = await createExchange(
        world.stack,
        world.cast.unCoordinator,
        exchangeBody({ startsAt: inSeconds(64), participantIds: participants.map((p) => p.id), reminderOffsets: ['PT1M'] }),
      );
      // In-app and e-mail for each of the two participants.
      const lost = await eventually(
        async () => {
          const rows = await remindersOf(world.stack, world.cast.unCoordinator, exchange.id);
          return rows.length === 4 && rows.every((r) => r.status === 'queued') ? rows : undefined;
        },
        20_000,
        'the reminders to be queued',
      );
      const queue = world.stack.api.get<Queue>(getQueueToken(REMINDER_QUEUE));
      await queue.obliterate({ force: true });
      // Queued ahead of their due time, they are lost for the sweep once due and past the grace.
      const dueAt = Math.max(...lost.map((r) => Date.parse(r.dueAt as string)));
      await sleep(Math.max(0, dueAt + 1500 - Date.now()));
      await world.stack.startNotifier();

      const sweep = world.stack.inNotifier(ReminderSweep);
      const passes = await Promise.all([sweep.sweep(), sweep.sweep(), sweep.sweep()]);
      expect(passes.reduce((sum, pass) => sum + pass.requeued + pass.dispatched, 0)).toBe(lost.length);

      await eventually(
        async () => {
          const rows = await remindersOf(world.stack, world.cast.unCoordinator, exchange.id);
          return rows.every((r) => r.status === 'sent' && r.attempts === 1) ? true : undefined;
        },
        20_000,
        'every reminder sent',
      );
      // Another pass finds nothing left to do.
      expect(await sweep.sweep()).toEqual({ dispatched: 0, requeued: 0 });
      for (const person of participants) {
        expect((await inboxOf(world.stack, person)).filter((n) => n.exchangeId === exchange.id)).toHaveLength(1);
      }
    });
  });
});
