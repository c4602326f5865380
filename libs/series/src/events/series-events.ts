import { Injectable } from '@nestjs/common';
import type { EventType, SeriesStatus } from '@liaison/domain';
import { EventRecorder } from '@liaison/events';
import { OrganizationsRepository, SeriesRepository, UnitOfWork } from '@liaison/persistence';
import { SeriesRules } from '../series-rules';
import { toSeriesResponse } from '../series.mapper';

/** The events of a series' own life (docs/events.md). */
export type SeriesEventType = Extract<EventType, `series.${string}`>;

/** The event a series' new status is reported by. */
export const SERIES_STATUS_EVENTS: Record<SeriesStatus, SeriesEventType> = {
  active: 'series.resumed',
  paused: 'series.paused',
  ended: 'series.ended',
};

/**
 * Records a series' events in the unit of work of the change, on the series' lane, heard by its
 * organisations; the data the series as the API shows it, without the caller's `actions`.
 */
@Injectable()
export class SeriesEvents {
  constructor(
    private readonly seriesRows: SeriesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly rules: SeriesRules,
    private readonly recorder: EventRecorder,
  ) {}

  async record(uow: UnitOfWork, type: SeriesEventType, seriesId: string): Promise<void> {
    const series = await this.seriesRows.getById(seriesId, uow);
    const organizations = await this.organizations.byCodes(series.organizations);
    await this.recorder.record(uow, {
      type,
      lane: { kind: 'series', id: seriesId },
      organizationIds: organizations.map((o) => o.id),
      marking: series.marking,
      data: { ...toSeriesResponse(series, this.rules.of(series), []) },
    });
  }
}
