/** What follows an exchange: its agenda items and action items. */
export const ACTION_ITEM_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const AGENDA_ITEM_STATES = ['open', 'carried'] as const;
export type AgendaItemState = (typeof AGENDA_ITEM_STATES)[number];
