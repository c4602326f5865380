import type { Schemas } from '@liaison/client';

export type WaitingItem = Schemas['WaitingItemResponse'];
export type WaitingKind = WaitingItem['kind'];

/** The kinds in the order the section shows them, each with its heading. */
export const WAITING_GROUPS: Array<{ kind: WaitingKind; heading: string }> = [
  { kind: 'confirmation', heading: 'Exchanges to confirm' },
  { kind: 'agenda-item', heading: 'Agenda items to accept' },
  { kind: 'minutes', heading: 'Minutes to approve' },
  { kind: 'action-item', heading: 'My action items' },
  { kind: 'support-request', heading: 'Support requests' },
];

/** The items of each kind, in the order given (by due time), the kinds without any left out. */
export function groupWaiting(items: WaitingItem[]): Array<{ kind: WaitingKind; heading: string; items: WaitingItem[] }> {
  return WAITING_GROUPS.map((group) => ({ ...group, items: items.filter((item) => item.kind === group.kind) })).filter(
    (group) => group.items.length > 0,
  );
}

/** Where an item is dealt with: its support request's page, else its exchange's. */
export function waitingHref(item: WaitingItem): string {
  if (item.supportRequestId) return `/support-requests/${item.supportRequestId}`;
  return `/exchanges/${item.exchangeId ?? ''}`;
}

/** What the person is asked to do, in words: `Confirm for NATO`, `Decide`, `Update its status`. */
export function actionLabel(item: WaitingItem): string {
  const words = item.action === 'update' ? 'Update its status' : item.action.replace(/-/g, ' ');
  const sentence = words.charAt(0).toUpperCase() + words.slice(1);
  return item.organization ? `${sentence} for ${item.organization}` : sentence;
}

/** Whether its due time has passed at `now`. */
export function isOverdue(item: WaitingItem, now: number): boolean {
  return item.dueAt !== null && Date.parse(item.dueAt) < now;
}
