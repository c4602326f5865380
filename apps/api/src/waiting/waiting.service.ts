import { Injectable } from '@nestjs/common';
import type { Principal } from '@liaison/access';
import { FollowUpWaiting, WaitingItemResponse, WaitingResponse } from '@liaison/follow-up';
import { SupportRequestQueryService } from '@liaison/support-requests';

/** How many of each kind of thing (exchanges, action items, support requests) are looked at for one answer. */
export const WAITING_LIMIT = 200;

/** "Waiting for me": what the exchanges' follow-up and the support requests each wait for from the caller, by due time. */
@Injectable()
export class WaitingService {
  constructor(
    private readonly followUp: FollowUpWaiting,
    private readonly supportRequests: SupportRequestQueryService,
  ) {}

  async of(principal: Principal): Promise<WaitingResponse> {
    const [exchanges, requests] = await Promise.all([
      this.followUp.itemsFor(principal, WAITING_LIMIT),
      this.supportRequests.waitingFor(principal, WAITING_LIMIT),
    ]);
    return { items: [...exchanges, ...requests].sort(byDueTime) };
  }
}

/** Earliest due first, those without a due time last (in the order they came). */
export function byDueTime(a: WaitingItemResponse, b: WaitingItemResponse): number {
  if (a.dueAt === null || b.dueAt === null) return (a.dueAt === null ? 1 : 0) - (b.dueAt === null ? 1 : 0);
  return Date.parse(a.dueAt) - Date.parse(b.dueAt);
}
