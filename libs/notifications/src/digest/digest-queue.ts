import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Queue } from 'bullmq';

export const DIGEST_QUEUE = 'digests';
export const SEND_DIGEST_JOB = 'send-digest';

/** One person's digest of one day: `day` is the local date (YYYY-MM-DD) whose 07:00 it is. */
export interface SendDigestJob {
  personId: string;
  day: string;
  /** When it was due (ISO), for its lateness. */
  dueAt: string;
}

/** The job id of a person's digest of a day: a second enqueue of the same one (a pass run twice, a process that died) is a no-op. */
export function digestJobId(personId: string, day: string): string {
  return `digest.${personId}.${day}`;
}

/** The producer side of the digest queue. */
@Injectable()
export class DigestQueue {
  constructor(
    @InjectQueue(DIGEST_QUEUE) private readonly queue: Queue<SendDigestJob>,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async enqueue(jobs: SendDigestJob[]): Promise<void> {
    if (jobs.length === 0) return;
    const { attempts, backoffMs } = this.config.reminders;
    await this.queue.addBulk(
      jobs.map((data) => ({
        name: SEND_DIGEST_JOB,
        data,
        opts: {
          jobId: digestJobId(data.personId, data.day),
          attempts,
          backoff: { type: 'exponential', delay: backoffMs },
          // Kept past the day, so that the id still deduplicates a second enqueue of that day's digest.
          removeOnComplete: { age: 2 * 24 * 3600 },
          removeOnFail: { age: 7 * 24 * 3600 },
        },
      })),
    );
  }

  /** Digest jobs not finished yet (waiting, delayed, running): none means every digest queued so far has been dealt with. */
  async pending(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }
}
