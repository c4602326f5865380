import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '@liaison/access';
import { ExchangeScheduler, ExchangeTransitionsService } from '@liaison/exchanges';
import { CalendarUpdates } from '@liaison/notifications';
import { ExchangesRepository, SeriesEntity, SeriesRepository, Transactions } from '@liaison/persistence';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DateTime } from 'luxon';
import { DomainError } from '@liaison/common';
import { Recurrence, RULE_REFUSALS } from '../recurrence';
import { SERIES_STATUS_EVENTS, SeriesEvents } from '../events/series-events';
import { SeriesRules } from '../series-rules';
import { Actor, SeriesActivitiesContract, SeriesChanges, SeriesStatus, SYSTEM_ACTOR } from '@liaison/domain';

/**
 * The series workflow's side effects. Occurrences are matched to the rule by their local date in
 * the series' zone: one exchange per series and date, whatever the amendments. An occurrence
 * changed on its own (`detached`) is never touched by the series again.
 */
@Injectable()
export class SeriesActivities implements SeriesActivitiesContract {
  private readonly logger = new Logger(SeriesActivities.name);

  constructor(
    private readonly seriesRows: SeriesRepository,
    private readonly exchanges: ExchangesRepository,
    private readonly transactions: Transactions,
    private readonly transitions: ExchangeTransitionsService,
    private readonly scheduler: ExchangeScheduler,
    private readonly rules: SeriesRules,
    private readonly audit: AuditService,
    private readonly calendars: CalendarUpdates,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly events: SeriesEvents,
  ) {}

  async materialiseOccurrences({ seriesId }: { seriesId: string }): Promise<{ wakeAt: string | null }> {
    const series = await this.seriesRows.getById(seriesId);
    const now = new Date();
    const rule = this.storedRule(series);
    // Bounded like every expansion: no further than RECURRENCE_HORIZON_YEARS ahead; none there ends the series.
    const upcoming = rule ? rule.occurrences(series.horizon, now) : [];
    if (upcoming.length === 0) return { wakeAt: null };
    const taken = await this.takenDates(series);
    let made = 0;
    for (const occurrence of upcoming) {
      if (taken.has(localDate(occurrence.start, series.timezone))) continue;
      await this.scheduler.schedule(
        {
          title: series.title,
          level: series.level,
          areas: series.areas,
          organizations: series.organizations,
          hostOrganization: series.hostRotation[occurrence.index % series.hostRotation.length],
          startsAt: occurrence.start,
          durationMinutes: series.durationMinutes,
          timezone: series.timezone,
          location: series.location,
          marking: series.marking,
          participantIds: series.participantIds,
          reminderOffsets: series.reminderOffsets,
          followUp: series.followUp,
          createdBy: series.createdBy,
          slot: { seriesId, slotStart: occurrence.start },
        },
        SYSTEM_ACTOR,
      );
      made += 1;
    }
    if (made > 0) this.logger.log({ seriesId, made }, 'series occurrences materialised');
    return { wakeAt: upcoming[0].start.toISOString() };
  }

  async recordSeriesStatus({ seriesId, status, actor }: { seriesId: string; status: SeriesStatus; actor: Actor }): Promise<void> {
    await this.transactions.run(async (uow) => {
      const series = await this.seriesRows.lockForUpdate(seriesId, uow);
      if (series.status === status) return;
      await this.seriesRows.update(seriesId, { status }, uow);
      await this.audit.record(
        { actor, action: `series.${status}`, entityType: 'series', entityId: seriesId, fromState: series.status, toState: status },
        uow,
      );
      await this.events.record(uow, SERIES_STATUS_EVENTS[status], seriesId);
    });
  }

  /**
   * Stores the changes (a new revision and an audit event), then brings every future, not
   * separately changed occurrence in line with them. A retry after the commit (the worker died
   * before the occurrences were done) finds the changes stored and stores nothing again; bringing
   * the occurrences in line is idempotent and runs on every attempt.
   */
  async applySeriesAmendment({ seriesId, changes, actor }: { seriesId: string; changes: SeriesChanges; actor: Actor }): Promise<void> {
    const series = await this.transactions.run(async (uow) => {
      const current = await this.seriesRows.lockForUpdate(seriesId, uow);
      if (alreadyStored(current, changes)) return current;
      const next = { ...current, ...definedOnly(changes), revision: current.revision + 1 };
      this.rules.of(next);
      await this.seriesRows.update(seriesId, { ...definedOnly(changes), revision: next.revision }, uow);
      await this.audit.record(
        {
          actor,
          action: 'series.amend',
          entityType: 'series',
          entityId: seriesId,
          details: { fields: Object.keys(definedOnly(changes)), revision: next.revision },
        },
        uow,
      );
      await this.events.record(uow, 'series.amended', seriesId);
      return next;
    });
    await faultPause(this.config.faultPauseAt, 'series-amendment.committed', (m) => this.logger.warn(m));

    const now = new Date();
    const upcoming = this.rules.of(series).occurrences(series.horizon + 50, now);
    const byDate = new Map(upcoming.map((o) => [localDate(o.start, series.timezone), o]));
    const occurrences = await this.exchanges.governedOccurrences(seriesId, now);
    for (const exchange of occurrences) {
      const match = byDate.get(localDate(exchange.slotStart ?? exchange.startsAt, series.timezone));
      if (!match) {
        await this.exchangeUpdate(exchange.id, () =>
          this.transitions.update(exchange.id, 'cancel', { reason: 'no longer in the series after an amendment', actor, detach: false }),
        );
        continue;
      }
      const participants = await this.transactions.run((uow) =>
        this.exchanges.alignOccurrence(
          exchange.id,
          { title: series.title, location: series.location, reminderOffsets: series.reminderOffsets, slotStart: match.start },
          series.participantIds,
          uow,
        ),
      );
      // Those removed get a CANCEL, those added a REQUEST (the reschedule below sends everyone the new time too).
      await this.calendars.participantsChanged(exchange.id, participants);
      // A reschedule (to the new time, or the same one) replans the reminders from the new defaults.
      await this.exchangeUpdate(exchange.id, () =>
        this.transitions.update(exchange.id, 'reschedule', {
          startsAt: match.start.toISOString(),
          durationMinutes: series.durationMinutes,
          reason: 'series amended',
          actor,
          detach: false,
        }),
      );
    }
    this.logger.log({ seriesId, revision: series.revision, occurrences: occurrences.length }, 'series amended');
  }

  /** Ends the series: its future occurrences not changed on their own are cancelled. */
  async endSeriesOccurrences({ seriesId, actor }: { seriesId: string; actor: Actor }): Promise<void> {
    await this.recordSeriesStatus({ seriesId, status: 'ended', actor });
    const occurrences = await this.exchanges.governedOccurrences(seriesId, new Date());
    for (const exchange of occurrences) {
      await this.exchangeUpdate(exchange.id, () =>
        this.transitions.update(exchange.id, 'cancel', { reason: 'the series has ended', actor, detach: false }),
      );
    }
  }

  /**
   * The rule of a stored series; null (the series ends) for one that gives no occurrence at all,
   * which the API refuses but a series stored before that check may hold: retrying cannot mend it.
   */
  private storedRule(series: SeriesEntity): Recurrence | null {
    try {
      return this.rules.of(series);
    } catch (error) {
      if (error instanceof DomainError && error.code === RULE_REFUSALS.NoOccurrence) {
        this.logger.warn({ seriesId: series.id, err: error.message }, 'series rule gives no occurrence; the series ends');
        return null;
      }
      throw error;
    }
  }

  /** Local dates whose slot already has an occurrence (any status, moved or not): never a second one. */
  private async takenDates(series: SeriesEntity): Promise<Set<string>> {
    const rows = await this.exchanges.slotsOf(series.id);
    return new Set(rows.map((r) => localDate(r.slotStart ?? r.startsAt, series.timezone)));
  }

  /** An exchange that is no longer open (or whose workflow is not there) has nothing to change: its refusal is not an error here. */
  private async exchangeUpdate(exchangeId: string, update: () => Promise<unknown>): Promise<void> {
    try {
      await update();
    } catch (error) {
      if (error instanceof DomainError || error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) {
        this.logger.warn({ exchangeId, err: (error as Error).message }, 'occurrence not changed by the series');
        return;
      }
      throw error;
    }
  }
}

function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate()!;
}

/** Whether the series already has every value the changes give (stored by an earlier attempt, or changing nothing). */
function alreadyStored(series: SeriesEntity, changes: SeriesChanges): boolean {
  return Object.entries(definedOnly(changes)).every(
    ([field, value]) => JSON.stringify(series[field as keyof SeriesEntity]) === JSON.stringify(value),
  );
}

function definedOnly(changes: SeriesChanges): Partial<SeriesEntity> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
}
