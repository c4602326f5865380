import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeliveredEventType } from '@liaison/domain';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { EventOutboxEntity } from '../entities';
import { managerOf, UnitOfWork } from '../unit-of-work';

/** An event as its writer hands it to the outbox. */
export interface OutboxEventDraft {
  type: DeliveredEventType;
  /** `laneKey()` of the resource. */
  lane: string;
  organizationIds: string[];
  subscriptionId?: string | null;
  data: Record<string, unknown>;
  occurredAt?: Date;
}

/** The transactional outbox (table `event_outbox`): written by state changes, read by the relay. */
@Injectable()
export class EventOutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Appends an event in the writer's transaction; returns its id. */
  async append(draft: OutboxEventDraft, uow?: UnitOfWork): Promise<string> {
    const id = randomUUID();
    await managerOf(this.dataSource, uow).insert(EventOutboxEntity, {
      id,
      type: draft.type,
      lane: draft.lane,
      organizationIds: draft.organizationIds,
      subscriptionId: draft.subscriptionId ?? null,
      data: draft.data as EventOutboxEntity['data'] & object,
      occurredAt: draft.occurredAt ?? new Date(),
      relayedAt: null,
    });
    return id;
  }
}
