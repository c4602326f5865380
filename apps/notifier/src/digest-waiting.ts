import { Injectable } from '@nestjs/common';
import type { Principal } from '@liaison/access';
import { FollowUpWaiting } from '@liaison/follow-up';
import type { DigestWaitingItem, DigestWaitingSource } from '@liaison/notifications';
import type { PersonEntity } from '@liaison/persistence';
import { SupportRequestQueryService } from '@liaison/support-requests';

/** How many of each kind of thing the digest looks at for one person (as `GET /v1/me/waiting` does, 200). */
const DIGEST_WAITING_LIMIT = 200;

/**
 * What waits for a person, for their morning digest: the same two sources as `GET /v1/me/waiting`
 * (the exchanges' follow-up, the support requests), asked as the person would ask them.
 */
@Injectable()
export class DigestWaiting implements DigestWaitingSource {
  constructor(
    private readonly followUp: FollowUpWaiting,
    private readonly supportRequests: SupportRequestQueryService,
  ) {}

  async waitingFor(person: PersonEntity): Promise<DigestWaitingItem[]> {
    const principal: Principal = { kind: 'person', person, organizationCode: person.organization!.code };
    const [exchanges, requests] = await Promise.all([
      this.followUp.itemsFor(principal, DIGEST_WAITING_LIMIT),
      this.supportRequests.waitingFor(principal, DIGEST_WAITING_LIMIT),
    ]);
    return [...exchanges, ...requests].sort(byDueTime);
  }
}

/** Earliest due first, those without a due time last. */
function byDueTime(a: DigestWaitingItem, b: DigestWaitingItem): number {
  if (a.dueAt === null || b.dueAt === null) return (a.dueAt === null ? 1 : 0) - (b.dueAt === null ? 1 : 0);
  return Date.parse(a.dueAt) - Date.parse(b.dueAt);
}
