import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, OnModuleInit } from '@nestjs/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Job } from 'bullmq';
import { DeliverLaneJob, EVENT_DELIVERY_QUEUE } from './event-delivery-queue';
import { LaneDelivery, LaneOutcome } from './lane-delivery.service';

/** The event delivery queue's one handler (`deliver-lane`): hands the lane to LaneDelivery. Locks as the reminders'. */
@Processor(EVENT_DELIVERY_QUEUE, { lockDuration: 10_000, stalledInterval: 5_000 })
export class EventDeliveryProcessor extends WorkerHost implements OnModuleInit {
  constructor(
    private readonly lanes: LaneDelivery,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.events.concurrency;
  }

  process(job: Job<DeliverLaneJob>): Promise<LaneOutcome> {
    return this.lanes.deliverLane({ subscriptionId: job.data.subscriptionId, lane: job.data.lane });
  }

  @OnWorkerEvent('error')
  onError(): void {
    // Connection errors are retried by the worker itself; without a listener Node would crash.
  }
}
