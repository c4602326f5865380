import { getQueueToken } from '@nestjs/bullmq';
import type { Job, Queue } from 'bullmq';
import { REMINDER_QUEUE } from '../../libs/notifications/src/queue/reminder-queue';
import type { TestStack } from './stack';
import { waitFor } from './wait';

/** The notifier's queue, as the API's process sees it. */
export const reminderQueue = (stack: TestStack): Queue => stack.api.get<Queue>(getQueueToken(REMINDER_QUEUE));

/**
 * The job of `key` once the notifier has finished it (completed or failed), or `undefined` while it
 * has not. The state is read first and the job after it: a job read while it still runs carries no
 * return value yet, and its state read a moment later may already say `completed`. Once finished,
 * the job no longer changes, so what is read after the state is its outcome.
 */
async function finishedJob(queue: Queue, key: string): Promise<{ state: string; job?: Job }> {
  const state = await queue.getJobState(key);
  if (state !== 'completed' && state !== 'failed') return { state };
  return { state, job: await queue.getJob(key) };
}

/** Waits until the notifier has finished the job of `key`, and returns it. */
export async function jobFinished(stack: TestStack, key: string): Promise<Job> {
  const queue = reminderQueue(stack);
  const finished = await waitFor(
    `the delivery job ${key} to finish`,
    () => finishedJob(queue, key),
    ({ job }) => job !== undefined,
  );
  return finished.job!;
}

/**
 * Waits until the notifier has taken the jobs of `reminders` (at their due time; a reminder's job
 * is named by its key) and finished them, and returns what each came to as `state/return value`
 * (`completed/already-done`: the row was settled, nothing sent).
 */
export async function jobsDone(stack: TestStack, reminders: Array<Record<string, any>>): Promise<string[]> {
  const queue = reminderQueue(stack);
  return waitFor(
    `the queue jobs of ${reminders.length} reminders finished`,
    () =>
      Promise.all(
        reminders.map(async ({ key }) => {
          const { state, job } = await finishedJob(queue, key as string);
          return job ? `${state}/${String(job.returnvalue)}` : state;
        }),
      ),
    (states) => states.every((state) => state.startsWith('completed/') || state.startsWith('failed/')),
  );
}
