import type { Channel } from '@liaison/persistence';

export interface ReminderSlotKey {
  exchangeId: string;
  revision: number;
  offset: string;
  personId: string;
  channel: Channel;
}

/**
 * The one place a reminder's unique key is made. It is the row's unique key and the queue job id,
 * so the same reminder can be planned, dispatched and enqueued any number of times and exists once.
 * Only `[A-Za-z0-9.-]`: queue job ids must not contain `:`.
 */
export function reminderKey(slot: ReminderSlotKey): string {
  return ['ex', slot.exchangeId, `r${slot.revision}`, slot.offset, slot.personId, slot.channel].join('.');
}
