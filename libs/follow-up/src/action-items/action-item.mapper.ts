import { isoInZone, isoOrNull } from '@liaison/common';
import type { ActionItemEntity } from '@liaison/persistence';
import type { ActionItemResponse } from './action-items.dto';

/** An action item as the API shows it, its instants in the exchange's zone. */
export function toActionItem(a: ActionItemEntity, timezone = 'UTC'): ActionItemResponse {
  return {
    id: a.id,
    exchangeId: a.exchangeId,
    title: a.title,
    ownerId: a.ownerId,
    dueAt: isoInZone(a.dueAt, timezone),
    status: a.status,
    revision: a.revision,
    remindedAt: isoOrNull(a.remindedAt, timezone),
    overdueAt: isoOrNull(a.overdueAt, timezone),
    escalatedAt: isoOrNull(a.escalatedAt, timezone),
    createdAt: isoInZone(a.createdAt, timezone),
    updatedAt: isoInZone(a.updatedAt, timezone),
  };
}
