/** The life of an A4P support request. */
export const SUPPORT_REQUEST_STATUSES = [
  'submitted',
  'acknowledged',
  'under_review',
  'information_requested',
  'recommended',
  'approved',
  'declined',
  'in_delivery',
  'delivered',
  'closed',
  'withdrawn',
] as const;
export type SupportRequestStatus = (typeof SUPPORT_REQUEST_STATUSES)[number];
/** A request in one of these states is over: nothing more happens to it. */
export const FINAL_SUPPORT_STATUSES: readonly SupportRequestStatus[] = ['declined', 'closed', 'withdrawn'];

export const SUPPORT_PRIORITIES = ['routine', 'priority', 'urgent'] as const;
export type SupportPriority = (typeof SUPPORT_PRIORITIES)[number];

export const SUPPORT_DEADLINE_KINDS = ['acknowledge', 'decision'] as const;
export type SupportDeadlineKind = (typeof SUPPORT_DEADLINE_KINDS)[number];
