import type { Channel } from '@liaison/domain';

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

/** The key of one follow-up stage of one revision of an action item, to one person on one channel. */
export function actionItemReminderKey(slot: {
  actionItemId: string;
  revision: number;
  stage: string;
  personId: string;
  channel: Channel;
}): string {
  return ['ai', slot.actionItemId, `r${slot.revision}`, slot.stage, slot.personId, slot.channel].join('.');
}

/** The key of one stage of one revision of a support request's deadline, to one person on one channel. */
export function supportReminderKey(slot: {
  supportRequestId: string;
  deadline: string;
  revision: number;
  stage: string;
  personId: string;
  channel: Channel;
}): string {
  return ['sr', slot.supportRequestId, slot.deadline, `r${slot.revision}`, slot.stage, slot.personId, slot.channel].join('.');
}
