import { ApiProperty } from '@nestjs/swagger';
import { INSTANT, isoInZone } from '@liaison/common';
import type { SeriesEntity } from '@liaison/persistence';
import { ConsultationResponse } from '@liaison/exchanges';
import { Marking, MARKINGS, SERIES_STATUSES, SeriesStatus, seriesWorkflowId } from '@liaison/domain';
import type { Recurrence } from './recurrence';

/** A recurring consultation: its rule, and the defaults of every occurrence. */
/** What a caller may do to a series. */
export const SERIES_ACTIONS = ['amend', 'pause', 'resume', 'end'] as const;
export type SeriesAction = (typeof SERIES_ACTIONS)[number];

export class SeriesResponse extends ConsultationResponse {
  @ApiProperty({ type: [String], description: 'Host organisation codes, cycled one per occurrence' }) hostRotation!: string[];
  @ApiProperty({ type: [String], format: 'uuid' }) participantIds!: string[];
  @ApiProperty({ type: [String], format: 'duration', description: 'ISO 8601 durations before each start' }) reminderOffsets!: string[];
  @ApiProperty({ description: 'RFC 5545 RRULE value' }) rrule!: string;
  @ApiProperty({ description: 'Local wall-clock start of the first occurrence, in `timezone`' }) dtstart!: string;
  @ApiProperty({ description: 'IANA time zone of the rule' }) timezone!: string;
  @ApiProperty({ type: [String], description: 'Local start times left out (EXDATE)' }) exdates!: string[];
  @ApiProperty({ type: 'integer' }) durationMinutes!: number;
  @ApiProperty({ type: String, nullable: true }) location!: string | null;
  @ApiProperty({ enum: MARKINGS }) marking!: Marking;
  @ApiProperty({ type: 'integer', description: 'How many future occurrences exist as exchanges' }) horizon!: number;
  @ApiProperty({ enum: SERIES_STATUSES }) status!: SeriesStatus;
  @ApiProperty({ type: 'integer', description: 'Bumped by every amendment' }) revision!: number;
  @ApiProperty({
    ...INSTANT,
    isArray: true,
    description: 'The next few starts under the rule, from now, with their offsets; none once ended',
  })
  upcoming!: string[];
  @ApiProperty(INSTANT) createdAt!: string;
  @ApiProperty(INSTANT) updatedAt!: string;
  @ApiProperty({
    enum: SERIES_ACTIONS,
    isArray: true,
    description: "What the caller may do now, by the API's rules and the series' status",
  })
  actions!: SeriesAction[];
}

/** The first starts of a rule, nothing saved. */
export class SeriesPreviewResponse {
  @ApiProperty({ description: 'IANA time zone of the rule' }) timezone!: string;
  @ApiProperty({ ...INSTANT, isArray: true, description: 'The first `count` starts of the rule, with their offsets' }) starts!: string[];
}

/** The actions open to a coordinator of the series (none to anyone else), by its status. */
export function seriesActionsOf(coordinator: boolean, status: SeriesStatus): SeriesAction[] {
  if (!coordinator || status === 'ended') return [];
  return ['amend', status === 'active' ? 'pause' : 'resume', 'end'];
}

export function toSeriesResponse(s: SeriesEntity, rule: Recurrence, actions: SeriesAction[]): SeriesResponse {
  return {
    id: s.id,
    workflowId: seriesWorkflowId(s.id),
    title: s.title,
    level: s.level,
    areas: s.areas,
    organizations: s.organizations,
    hostRotation: s.hostRotation,
    participantIds: s.participantIds,
    reminderOffsets: s.reminderOffsets,
    rrule: s.rrule,
    dtstart: s.dtstart,
    timezone: s.timezone,
    exdates: s.exdates,
    durationMinutes: s.durationMinutes,
    location: s.location,
    marking: s.marking,
    horizon: s.horizon,
    status: s.status,
    revision: s.revision,
    upcoming: s.status === 'ended' ? [] : rule.next(3, new Date()).map((d) => isoInZone(d, s.timezone)),
    createdAt: isoInZone(s.createdAt),
    updatedAt: isoInZone(s.updatedAt),
    actions,
  };
}
