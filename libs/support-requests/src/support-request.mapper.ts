import { isoInZone, isoOrNull } from '@liaison/common';
import type { AuditDetails, SupportRequestDeadlineEntity, SupportRequestEntity, SupportRequestEventEntity } from '@liaison/persistence';
import type { SupportRequestStatus } from '@liaison/domain';
import { FINAL_SUPPORT_STATUSES } from '@liaison/domain';

/** A service-level deadline. `breached`: it passed before it was met (or is past and unmet); `paused`: waiting for the requester. */
export interface DeadlineResponse {
  kind: 'acknowledge' | 'decision';
  dueAt: string;
  metAt: string | null;
  breached: boolean;
  paused: boolean;
}

export interface TimelineEntry {
  id: string;
  at: string;
  kind: string;
  actor: { type: string; id: string | null };
  fromStatus: string | null;
  toStatus: string | null;
  body: string | null;
  details: AuditDetails | null;
}

export interface SupportRequestResponse {
  id: string;
  title: string;
  description: string;
  requestingOrganization: string;
  requestingUnit: string;
  providingOrganization: string;
  area: string;
  a4pArea: string;
  priority: string;
  neededBy: string;
  marking: string;
  links: string[];
  status: SupportRequestStatus;
  submittedBy: string | null;
  assigneeId: string | null;
  recommendation: { recommendation: string; rationale: string | null; by: string | null } | null;
  decision: { decision: string; rationale: string | null; by: string | null } | null;
  deliverySummary: string | null;
  deadlines: DeadlineResponse[];
  /** Open, with a running deadline passed and not met. */
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  timeline?: TimelineEntry[];
}

/** Organisation codes and the zone the request's times are given in (the providing organisation's). */
export interface SupportRequestRelations {
  requestingCode: string;
  providingCode: string;
  zone: string;
}

export function toDeadlineResponse(d: SupportRequestDeadlineEntity, zone: string, now = new Date()): DeadlineResponse {
  const settledAt = d.metAt ?? d.pausedAt ?? now;
  return {
    kind: d.kind,
    dueAt: isoInZone(d.dueAt, zone),
    metAt: isoOrNull(d.metAt, zone),
    breached: settledAt.getTime() > d.dueAt.getTime(),
    paused: d.pausedAt !== null,
  };
}

export function isOverdue(status: SupportRequestStatus, deadlines: SupportRequestDeadlineEntity[], now = new Date()): boolean {
  if (FINAL_SUPPORT_STATUSES.includes(status)) return false;
  return deadlines.some((d) => !d.metAt && !d.pausedAt && d.dueAt.getTime() < now.getTime());
}

export function toSupportRequestResponse(
  r: SupportRequestEntity,
  rel: SupportRequestRelations,
  deadlines: SupportRequestDeadlineEntity[],
  timeline?: SupportRequestEventEntity[],
): SupportRequestResponse {
  const now = new Date();
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    requestingOrganization: rel.requestingCode,
    requestingUnit: r.requestingUnit,
    providingOrganization: rel.providingCode,
    area: r.areaCode,
    a4pArea: r.a4pAreaCode,
    priority: r.priority,
    neededBy: r.neededBy,
    marking: r.marking,
    links: r.links,
    status: r.status,
    submittedBy: r.submittedBy,
    assigneeId: r.assigneeId,
    recommendation: r.recommendation
      ? { recommendation: r.recommendation, rationale: r.recommendationRationale, by: r.recommendedBy }
      : null,
    decision: r.decision ? { decision: r.decision, rationale: r.decisionRationale, by: r.decidedBy } : null,
    deliverySummary: r.deliverySummary,
    deadlines: deadlines.map((d) => toDeadlineResponse(d, rel.zone, now)),
    overdue: isOverdue(r.status, deadlines, now),
    createdAt: isoInZone(r.createdAt, rel.zone),
    updatedAt: isoInZone(r.updatedAt, rel.zone),
    ...(timeline ? { timeline: timeline.map((e) => toTimelineEntry(e, rel.zone)) } : {}),
  };
}

export function toTimelineEntry(e: SupportRequestEventEntity, zone: string): TimelineEntry {
  return {
    id: e.id,
    at: isoInZone(e.at, zone),
    kind: e.kind,
    actor: { type: e.actorType, id: e.actorId },
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    body: e.body,
    details: e.details,
  };
}
