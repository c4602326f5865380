import { Injectable } from '@nestjs/common';
import { EventLane, EventType, laneKey, Marking } from '@liaison/domain';
import { EventOutboxRepository, lockLane, UnitOfWork } from '@liaison/persistence';
import { restrictedView } from './restricted-view';

/** What a state change reports, before the outbox. */
export interface EventDraft {
  type: EventType;
  lane: EventLane;
  /** The organisations taking part in the resource: they, and only they, hear it. */
  organizationIds: string[];
  marking: Marking;
  /** The resource as a taking-part organisation sees it through the API. */
  data: Record<string, unknown>;
  /**
   * What a RESTRICTED resource gives instead: ids, status and times only; `restrictedView(data)`
   * (the one place that rule lives) unless given.
   */
  restrictedData?: Record<string, unknown>;
}

/**
 * Writes events to the transactional outbox, in the unit of work of the state change they report
 * (docs/events.md): a rolled-back change never emits, a committed one always does.
 */
@Injectable()
export class EventRecorder {
  constructor(private readonly outbox: EventOutboxRepository) {}

  async record(uow: UnitOfWork, draft: EventDraft): Promise<void> {
    if (draft.organizationIds.length === 0) return;
    const lane = laneKey(draft.lane);
    // Held until the change commits: the lane's next event is written after this one is visible.
    await lockLane(uow, lane);
    await this.outbox.append(
      {
        type: draft.type,
        lane,
        organizationIds: [...new Set(draft.organizationIds)],
        data: draft.marking === 'RESTRICTED' ? (draft.restrictedData ?? restrictedView(draft.data)) : draft.data,
      },
      uow,
    );
  }
}
