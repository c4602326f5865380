import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INSTANT, INSTANT_OR_NULL, isoInZone, isoOrNull } from '@liaison/common';
import type { AuditDetails, SupportRequestDeadlineEntity, SupportRequestEntity, SupportRequestEventEntity } from '@liaison/persistence';
import {
  FINAL_SUPPORT_STATUSES,
  MARKINGS,
  SUPPORT_DEADLINE_KINDS,
  SUPPORT_PRIORITIES,
  SUPPORT_REQUEST_STATUSES,
  type Marking,
  type SupportDeadlineKind,
  type SupportPriority,
  type SupportRequestStatus,
} from '@liaison/domain';
import { Verdict, VERDICTS } from './dto/support-request-steps.dto';
import { SUPPORT_ACTIONS, SupportAction } from './support-step-access';
import { workingDurationBetween, type WorkingCalendar } from './working-time';

/** A service-level deadline. `breached`: it passed before it was met (or is past and unmet); `paused`: waiting for the requester. */
export class DeadlineResponse {
  @ApiProperty({ enum: SUPPORT_DEADLINE_KINDS }) kind!: SupportDeadlineKind;
  @ApiProperty({ ...INSTANT, description: 'When it falls due, counted in working time; a pause moves it on' }) dueAt!: string;
  @ApiProperty({ ...INSTANT_OR_NULL, description: 'When it was met; null until then' }) metAt!: string | null;
  @ApiProperty() breached!: boolean;
  @ApiProperty() paused!: boolean;
  @ApiProperty({
    type: String,
    nullable: true,
    example: 'P1DT4H',
    description:
      "The working time left until `dueAt` on the providing organisation's calendar (its zone, weekend days and holidays, on which " +
      'the deadline is counted), as an ISO 8601 duration of days and time, rounded down to the second: `P1DT4H`, `PT45M`, `PT0S`. ' +
      'A day is a step to the same local time on the next working day: a working day counts whole, 00:00 to 24:00 local time, so a ' +
      'day is 24 hours of working time (23 or 25 on a day the clocks change); the time part counts on working days only. Never ' +
      'negative: `PT0S` once `dueAt` has passed (then `breached` is true). Null when the deadline is met or paused, or the request ' +
      'is declined, closed or withdrawn.',
  })
  workingTimeLeft!: string | null;
}

/** Who made a timeline entry. */
export class TimelineActor {
  @ApiProperty({ description: '`person`, `admin-token` or `system` (the workflow: deadlines, automatic steps)' }) type!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The person's id; null for the admin token and the system" })
  id!: string | null;
}

/** One entry of a request's timeline: a step, a message, a raise onto an agenda, or a deadline's reminder, breach or escalation. */
export class TimelineEntry {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty(INSTANT) at!: string;
  @ApiProperty({
    example: 'acknowledge',
    description: '`submit`, a step (`acknowledge`, `decide`, …), `message`, `raise`, or `deadline.reminder|breach|escalation`',
  })
  kind!: string;
  @ApiProperty({ type: () => TimelineActor }) actor!: TimelineActor;
  @ApiProperty({ enum: SUPPORT_REQUEST_STATUSES, nullable: true, description: 'The status before it; null for the submission' })
  fromStatus!: string | null;
  @ApiProperty({ enum: SUPPORT_REQUEST_STATUSES, nullable: true, description: 'The status after it' }) toStatus!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The text: a message, a question, an answer, a rationale…' })
  body!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'What else it recorded' })
  details!: AuditDetails | null;
}

/** The providing organisation's recommendation. */
export class RecommendationResponse {
  @ApiProperty({ enum: VERDICTS }) recommendation!: Verdict;
  @ApiProperty({ type: String, nullable: true }) rationale!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who recommended; null for the admin token' }) by!:
    string | null;
}

/** The decision of the providing organisation's senior level. */
export class DecisionResponse {
  @ApiProperty({ enum: VERDICTS }) decision!: Verdict;
  @ApiProperty({ type: String, nullable: true, description: 'Given when the decision goes against the recommendation' })
  rationale!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who decided; null for the admin token' }) by!: string | null;
}

export class SupportRequestResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ description: 'Code of the organisation asking' }) requestingOrganization!: string;
  @ApiProperty({ description: 'The mission or unit asking, as free text' }) requestingUnit!: string;
  @ApiProperty({ description: 'Code of the organisation asked' }) providingOrganization!: string;
  @ApiProperty({ description: 'Cooperation-area code' }) area!: string;
  @ApiProperty({ description: 'A4P commitment-area code' }) a4pArea!: string;
  @ApiProperty({ enum: SUPPORT_PRIORITIES }) priority!: SupportPriority;
  @ApiProperty({ format: 'date', description: 'A calendar date, YYYY-MM-DD' }) neededBy!: string;
  @ApiProperty({ enum: MARKINGS }) marking!: Marking;
  @ApiProperty({ type: [String], description: 'Attachments, as links' }) links!: string[];
  @ApiProperty({ enum: SUPPORT_REQUEST_STATUSES }) status!: SupportRequestStatus;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Who submitted it; null for the admin token' })
  submittedBy!: string | null;
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The working-level person of the providing organisation on it; null until acknowledged',
  })
  assigneeId!: string | null;
  @ApiProperty({ type: () => RecommendationResponse, nullable: true, description: 'Null until recommended' })
  recommendation!: RecommendationResponse | null;
  @ApiProperty({ type: () => DecisionResponse, nullable: true, description: 'Null until decided' }) decision!: DecisionResponse | null;
  @ApiProperty({ type: String, nullable: true, description: 'What was delivered; null until delivered' }) deliverySummary!: string | null;
  @ApiProperty({ type: () => DeadlineResponse, isArray: true }) deadlines!: DeadlineResponse[];
  @ApiProperty({ description: 'Open, with a running deadline passed and not met' }) overdue!: boolean;
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty(INSTANT) updatedAt!: string;
  @ApiProperty({
    enum: SUPPORT_ACTIONS,
    isArray: true,
    description: "What the caller may do now: the steps the request's status allows on a side the caller stands on, and `raise`",
  })
  actions!: SupportAction[];
  @ApiPropertyOptional({
    type: () => TimelineEntry,
    isArray: true,
    description: 'Oldest first; in the answer about one request, never in the list',
  })
  timeline?: TimelineEntry[];
}

/**
 * Organisation codes, the zone the request's times are given in and the working calendar its
 * deadlines are counted on (both the providing organisation's).
 */
export interface SupportRequestRelations {
  requestingCode: string;
  providingCode: string;
  zone: string;
  calendar: WorkingCalendar;
}

/** A deadline as the API gives it; `running`: the request is not final, so an unmet deadline's clock may run. */
export function toDeadlineResponse(
  d: SupportRequestDeadlineEntity,
  calendar: WorkingCalendar,
  running: boolean,
  now = new Date(),
): DeadlineResponse {
  const settledAt = d.metAt ?? d.pausedAt ?? now;
  const ticking = running && d.metAt === null && d.pausedAt === null;
  return {
    kind: d.kind,
    dueAt: isoInZone(d.dueAt, calendar.zone),
    metAt: isoOrNull(d.metAt, calendar.zone),
    breached: settledAt.getTime() > d.dueAt.getTime(),
    paused: d.pausedAt !== null,
    workingTimeLeft: ticking ? workingDurationBetween(now, d.dueAt, calendar) : null,
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
  actions: SupportAction[],
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
    deadlines: deadlines.map((d) => toDeadlineResponse(d, rel.calendar, !FINAL_SUPPORT_STATUSES.includes(r.status), now)),
    overdue: isOverdue(r.status, deadlines, now),
    createdAt: isoInZone(r.createdAt, rel.zone),
    updatedAt: isoInZone(r.updatedAt, rel.zone),
    actions,
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
