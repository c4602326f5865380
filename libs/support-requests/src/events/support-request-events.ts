import { Injectable } from '@nestjs/common';
import { FINAL_SUPPORT_STATUSES, type EventType, type SupportRequestStatus, type SupportStep } from '@liaison/domain';
import { EventRecorder } from '@liaison/events';
import { OrganizationsRepository, SupportRequestsRepository, UnitOfWork } from '@liaison/persistence';
import { calendarOf } from '../service-levels';
import { toSupportRequestResponse } from '../support-request.mapper';

/** The events of a support request (docs/events.md). */
export type SupportRequestEventType = Extract<EventType, `support-request.${string}`>;

/** A step's transition, as `support-request.step` and `support-request.closed` carry it. */
export interface SupportTransition {
  step: SupportStep;
  fromStatus: SupportRequestStatus;
  toStatus: SupportRequestStatus;
}

/** The event a step is reported by: `closed` once the request reaches a final status (closed, declined, withdrawn). */
export function stepEventOf(toStatus: SupportRequestStatus): SupportRequestEventType {
  return FINAL_SUPPORT_STATUSES.includes(toStatus) ? 'support-request.closed' : 'support-request.step';
}

/**
 * Records a support request's events in the unit of work of the change, on the request's lane,
 * heard by its two organisations; the data the request as the API lists it (without the caller's
 * `actions` and the timeline), and for a step its transition.
 */
@Injectable()
export class SupportRequestEvents {
  constructor(
    private readonly requests: SupportRequestsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly recorder: EventRecorder,
  ) {}

  async record(uow: UnitOfWork, type: SupportRequestEventType, requestId: string, transition?: SupportTransition): Promise<void> {
    const request = (await this.requests.findById(requestId, uow))!;
    const sides = [request.requestingOrganizationId, request.providingOrganizationId];
    const [requesting, providing] = await Promise.all(sides.map((id) => this.organizations.byId(id, uow)));
    const relations = {
      requestingCode: requesting.code,
      providingCode: providing.code,
      zone: providing.timezone,
      calendar: calendarOf(providing),
    };
    const deadlines = await this.requests.deadlines(requestId, uow);
    await this.recorder.record(uow, {
      type,
      lane: { kind: 'support-request', id: requestId },
      organizationIds: sides,
      marking: request.marking,
      data: { ...toSupportRequestResponse(request, relations, deadlines, []), ...transition },
    });
  }
}
