import { isoInZone } from '@liaison/common';
import type { SeriesEntity } from '@liaison/persistence';
import type { ConsultationResponse } from '@liaison/exchanges';
import type { Marking, SeriesStatus } from '@liaison/domain';
import { seriesWorkflowId } from '@liaison/domain';
import type { Recurrence } from './recurrence';

export interface SeriesResponse extends ConsultationResponse {
  hostRotation: string[];
  participantIds: string[];
  reminderOffsets: string[];
  rrule: string;
  dtstart: string;
  timezone: string;
  exdates: string[];
  durationMinutes: number;
  location: string | null;
  marking: Marking;
  horizon: number;
  status: SeriesStatus;
  revision: number;
  /** The next few starts under the rule, from now, with their offsets. */
  upcoming: string[];
  createdAt: string;
  updatedAt: string;
}

export function toSeriesResponse(s: SeriesEntity, rule: Recurrence): SeriesResponse {
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
  };
}
