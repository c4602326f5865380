import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnModuleInit } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Job } from 'bullmq';
import { DigestDeliveryService } from './digest-delivery.service';
import type { DigestOutcome } from './digest-metrics';
import { DIGEST_QUEUE, SendDigestJob } from './digest-queue';

/** The digest queue's handler: unpacks the job and hands it to the delivery service (locks as the reminders'). */
@Processor(DIGEST_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000 })
export class DigestProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly delivery: DigestDeliveryService,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.digest.concurrency;
  }

  process(job: Job<SendDigestJob>): Promise<DigestOutcome> {
    const attempts = job.opts.attempts ?? 1;
    return this.delivery.send(job.data, { number: job.attemptsMade + 1, last: job.attemptsMade + 1 >= attempts });
  }

  @OnWorkerEvent('error')
  onError(): void {
    // Connection errors are retried by the worker itself; without a listener Node would crash.
  }
}
