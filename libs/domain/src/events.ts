/**
 * The events an organisation's systems may subscribe to (docs/events.md). Each event reports one
 * committed state change of one resource; events of the same resource (its `EventLane`) reach a
 * receiver in the order they happened.
 */
export const EVENT_TYPES = [
  'exchange.created',
  'exchange.confirmed',
  'exchange.rescheduled',
  'exchange.cancelled',
  'exchange.held',
  'exchange.closed',
  'agenda.item-proposed',
  'agenda.item-accepted',
  'agenda.frozen',
  'minutes.drafted',
  'minutes.approved',
  'action-item.created',
  'action-item.updated',
  'action-item.overdue',
  'action-item.done',
  'attendance.answered',
  'series.created',
  'series.amended',
  'series.paused',
  'series.resumed',
  'series.ended',
  'support-request.submitted',
  'support-request.step',
  'support-request.breached',
  'support-request.escalated',
  'support-request.closed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Sent to one subscription by `POST …/event-subscriptions/:id/ping`; not subscribed to. */
export const PING_EVENT = 'ping' as const;
export type DeliveredEventType = EventType | typeof PING_EVENT;

/**
 * The resource whose events keep their order: an exchange's own events and those of its agenda,
 * minutes, action items and attendance share the exchange's lane.
 */
export const EVENT_LANE_KINDS = ['exchange', 'series', 'support-request', 'subscription'] as const;
export type EventLaneKind = (typeof EVENT_LANE_KINDS)[number];
export interface EventLane {
  kind: EventLaneKind;
  id: string;
}
export function laneKey(lane: EventLane): string {
  return `${lane.kind}:${lane.id}`;
}

/** A delivery of one event to one subscription. */
export const EVENT_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type EventDeliveryStatus = (typeof EVENT_DELIVERY_STATUSES)[number];

/** An event subscription: `disabled` after failing for EVENT_SUBSCRIPTION_DISABLE_AFTER (or by its owners). */
export const EVENT_SUBSCRIPTION_STATUSES = ['active', 'disabled'] as const;
export type EventSubscriptionStatus = (typeof EVENT_SUBSCRIPTION_STATUSES)[number];
