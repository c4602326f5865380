import type { Job } from 'bullmq';
import { createServer, Server } from 'node:http';
import { DataSource } from 'typeorm';
import { act, createExchange, exchangeBody, planningLeadMs, plannedInTime, remindersOf, useStack } from '../support/exchanges';
import { createPerson, inSeconds, personWithWebhook, TestPerson, waitFor } from '../support/fixtures';
import { listenOnPortZero } from '../support/ports';
import { jobFinished } from '../support/reminder-jobs';
import { answered } from '../support/typed-client';

/** A promise, the function that settles it, and whether it has been. */
function deferred(): { promise: Promise<void>; resolve: () => void; readonly done: boolean } {
  let resolve!: () => void;
  let done = false;
  const promise = new Promise<void>((r) => (resolve = r));
  return {
    promise,
    resolve: () => {
      done = true;
      resolve();
    },
    get done() {
      return done;
    },
  };
}

/** A webhook receiver that holds each request until the test lets it answer, with the status it is given. */
class HoldingReceiver {
  readonly arrived = deferred();
  private readonly answer = deferred();
  private status = 200;
  private server?: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        this.arrived.resolve();
        void this.answer.promise.then(() => res.writeHead(this.status, { 'content-type': 'text/plain' }).end('answered'));
      });
    });
    this.url = `http://127.0.0.1:${await listenOnPortZero(this.server)}/hook`;
  }

  release(status: number): void {
    this.status = status;
    this.answer.resolve();
  }

  async stop(): Promise<void> {
    this.release(200);
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/**
 * A reminder whose exchange is cancelled while the notifier is sending it (the SMTP server or the
 * webhook receiver holds the message; the cancellation lands in between the notifier's read of the
 * row and its write of the outcome). The row stays `cancelled`: the delivery's outcome never
 * overwrites it, whether the send succeeded (`sent`) or failed for good (`failed`).
 */
describe('a reminder cancelled while it is being delivered', () => {
  // One attempt: a failed send is the last one, so that the notifier would write `failed`.
  const world = useStack(0, { REMINDER_ATTEMPTS: '1' });
  const coordinator = () => world.cast.unCoordinator;
  /** A reminder due this far ahead is planned before it falls due on this machine (see planningLeadMs). */
  let leadSeconds: number;
  beforeAll(async () => {
    leadSeconds = Math.ceil((await planningLeadMs(world.stack, world.cast)) / 1000);
  });

  /**
   * An exchange whose one reminder (10 s before its start, due `leadSeconds` from now) goes to
   * `person` in-app and on `channel`; returns the row of `channel`.
   */
  async function remindedExchange(person: TestPerson, channel: string): Promise<{ exchangeId: string; rowKey: string }> {
    const exchange = await createExchange(
      world.stack,
      coordinator(),
      exchangeBody(world.cast, { startsAt: inSeconds(leadSeconds + 10), participantIds: [person.id], reminderOffsets: ['PT10S'] }),
    );
    const planned = await plannedInTime(world.stack, coordinator(), exchange.id as string, 2);
    expect(planned.map((r) => r.channel).sort()).toEqual(['inapp', channel].sort());
    const row = planned.find((r) => r.channel === channel)!;
    return { exchangeId: exchange.id as string, rowKey: row.key as string };
  }

  /** Waits until the held message has reached its server (`arrived`), saying where the row was if it does not. */
  async function heldAt(what: string, arrived: { done: boolean }, rowKey: string): Promise<void> {
    await waitFor(
      `the reminder ${what}`,
      async () => ({ arrived: arrived.done, row: await rowOf(rowKey) }),
      (seen) => seen.arrived,
    );
  }

  /** The row as the notifier left it (its `lastError` is for admins: read from Postgres). */
  async function rowOf(key: string): Promise<{ status: string; sentAt: Date | null; lastError: string | null }> {
    const [row] = await world.stack.api
      .get(DataSource)
      .query<Array<{ status: string; sentAt: Date | null; lastError: string | null }>>(
        'SELECT status, sent_at AS "sentAt", last_error AS "lastError" FROM reminders WHERE key = $1',
        [key],
      );
    return row;
  }

  /** Cancels the exchange while the delivery is held, lets it finish, and returns its job once the notifier is done with it. */
  async function cancelDuring(exchangeId: string, rowKey: string, release: () => void): Promise<Job> {
    await answered(
      'cancel',
      200,
      act(world.stack, coordinator(), exchangeId, 'cancel', { reason: 'called off while the reminder was on its way' }),
    );
    const during = (await remindersOf(world.stack, coordinator(), exchangeId)).find((r) => r.key === rowKey)!;
    expect(during.status).toBe('cancelled');
    release();
    return jobFinished(world.stack, rowKey);
  }

  it('e-mail accepted by the server after the exchange was cancelled: the row stays cancelled, not sent', async () => {
    const person = await createPerson(world.stack, world.cast.nato, { email: true });
    const held = deferred();
    const arrived = deferred();
    world.stack.smtp.hold = async (mail) => {
      // The reminder (not the iMIP CANCEL the cancellation sends next).
      if (!mail.headers.has('x-liaison-reminder') || !JSON.stringify(mail.to ?? '').includes(person.email)) return;
      arrived.resolve();
      await held.promise;
    };
    try {
      const { exchangeId, rowKey } = await remindedExchange(person, 'email');
      await heldAt('e-mail held at the SMTP server', arrived, rowKey);
      const job = await cancelDuring(exchangeId, rowKey, held.resolve);
      const row = await rowOf(rowKey);
      expect(row).toMatchObject({ status: 'cancelled', sentAt: null });
      // It did go out: the outcome says so, on the row and on the job.
      expect(world.stack.smtp.to(person.email).filter((m) => m.mail.headers.get('x-liaison-reminder') === rowKey)).toHaveLength(1);
      expect(row.lastError).toMatch(/cancelled while it was being sent/);
      expect(job.returnvalue).toBe('overtaken');
    } finally {
      world.stack.smtp.hold = undefined;
      held.resolve();
    }
  });

  it('webhook answered 2xx after the exchange was cancelled: the row stays cancelled, not sent', async () => {
    const receiver = new HoldingReceiver();
    await receiver.start();
    try {
      const person = await personWithWebhook(world.stack, world.cast.nato, receiver.url);
      const { exchangeId, rowKey } = await remindedExchange(person, 'webhook');
      await heldAt('held by the webhook receiver', receiver.arrived, rowKey);
      const job = await cancelDuring(exchangeId, rowKey, () => receiver.release(200));
      const row = await rowOf(rowKey);
      expect(row).toMatchObject({ status: 'cancelled', sentAt: null });
      expect(row.lastError).toMatch(/cancelled while it was being sent on webhook; the message went out/);
      expect(job.returnvalue).toBe('overtaken');
    } finally {
      await receiver.stop();
    }
  });

  it('webhook failing its last attempt after the exchange was cancelled: the row stays cancelled, not failed', async () => {
    const receiver = new HoldingReceiver();
    await receiver.start();
    try {
      const person = await personWithWebhook(world.stack, world.cast.nato, receiver.url);
      const { exchangeId, rowKey } = await remindedExchange(person, 'webhook');
      await heldAt('held by the webhook receiver', receiver.arrived, rowKey);
      const job = await cancelDuring(exchangeId, rowKey, () => receiver.release(500));
      const row = await rowOf(rowKey);
      expect(row).toMatchObject({ status: 'cancelled', sentAt: null });
      expect(row.lastError).toMatch(/the attempt failed: webhook not delivered/);
      expect(job.returnvalue).toBe('overtaken');
    } finally {
      await receiver.stop();
    }
  });
});
