import { AgendaItemEntity } from '@liaison/persistence';
import type { EntityManager } from 'typeorm';

/** What a new agenda item is made of; it goes last, open, and links to nothing unless told. */
export type NewAgendaItem = Pick<
  AgendaItemEntity,
  'exchangeId' | 'title' | 'areaCode' | 'proposingOrganizationId' | 'ownerId' | 'acceptedBy' | 'createdBy'
> &
  Partial<Pick<AgendaItemEntity, 'carriedFromId' | 'actionItemId' | 'supportRequestId'>>;

/**
 * Adds an item at the end of an exchange's agenda. The caller holds the exchange's row lock (and
 * has checked that the agenda is open), so no other item takes the same position.
 */
export async function appendAgendaItem(manager: EntityManager, item: NewAgendaItem): Promise<AgendaItemEntity> {
  const [{ next }]: Array<{ next: number }> = await manager.query(
    `SELECT COALESCE(MAX(position), 0)::int + 1 AS next FROM agenda_items WHERE exchange_id = $1`,
    [item.exchangeId],
  );
  return manager.save(
    manager.create(AgendaItemEntity, {
      carriedFromId: null,
      actionItemId: null,
      supportRequestId: null,
      ...item,
      position: next,
      state: 'open',
    }),
  );
}
