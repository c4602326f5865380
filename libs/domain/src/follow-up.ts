/** What follows an exchange: its agenda items and action items. */
export const ACTION_ITEM_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const AGENDA_ITEM_STATES = ['open', 'carried'] as const;
export type AgendaItemState = (typeof AGENDA_ITEM_STATES)[number];

/**
 * Where an agenda entry comes from: `proposed` by an organisation, `carried` from an earlier
 * occurrence, or taken in by the agenda itself (a follow-up entry): an open `action-item` of an
 * earlier occurrence, or an overdue `support-request`.
 */
export const AGENDA_ITEM_SOURCES = ['proposed', 'carried', 'action-item', 'support-request'] as const;
export type AgendaItemSource = (typeof AGENDA_ITEM_SOURCES)[number];
export type FollowUpEntrySource = Extract<AgendaItemSource, 'action-item' | 'support-request'>;

/** The minutes of an exchange: none drafted yet, a draft being approved, or locked by the last approval. */
export const MINUTES_STATUSES = ['none', 'draft', 'locked'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];
