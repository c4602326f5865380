import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@liaison/access';
import { cancelUpdate, ExchangeScheduler, exchangeWorkflowId, rescheduleUpdate } from '@liaison/exchanges';
import { ExchangeEntity, ExchangeParticipantEntity, SeriesEntity } from '@liaison/persistence';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { TEMPORAL_CLIENT } from '@liaison/temporal';
import { Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { DateTime } from 'luxon';
import { DataSource, In, MoreThan, Not } from 'typeorm';
import { DomainError } from '@liaison/common';
import { Recurrence, RULE_REFUSALS } from '../recurrence';
import { SeriesRules } from '../series-rules';
import type { Actor } from '../../../exchanges/src/workflow/exchange-workflow.contract';
import type { SeriesActivitiesContract, SeriesChanges, SeriesWorkflowStatus } from './series-workflow.contract';

const SYSTEM: Actor = { type: 'system', id: null };

/**
 * The series workflow's side effects. Occurrences are matched to the rule by their local date in
 * the series' zone: one exchange per series and date, whatever the amendments. An occurrence
 * changed on its own (`detached`) is never touched by the series again.
 */
@Injectable()
export class SeriesActivities implements SeriesActivitiesContract {
  private readonly logger = new Logger(SeriesActivities.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly scheduler: ExchangeScheduler,
    private readonly rules: SeriesRules,
    private readonly audit: AuditService,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
  ) {}

  async materialiseOccurrences({ seriesId }: { seriesId: string }): Promise<{ wakeAt: string | null }> {
    const series = await this.dataSource.getRepository(SeriesEntity).findOneByOrFail({ id: seriesId });
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
        SYSTEM,
      );
      made += 1;
    }
    if (made > 0) this.logger.log({ seriesId, made }, 'series occurrences materialised');
    return { wakeAt: upcoming[0].start.toISOString() };
  }

  async recordSeriesStatus({ seriesId, status, actor }: { seriesId: string; status: SeriesWorkflowStatus; actor: Actor }): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const series = await manager.findOneOrFail(SeriesEntity, { where: { id: seriesId }, lock: { mode: 'pessimistic_write' } });
      if (series.status === status) return;
      await manager.update(SeriesEntity, { id: seriesId }, { status });
      await this.audit.record(
        { actor, action: `series.${status}`, entityType: 'series', entityId: seriesId, fromState: series.status, toState: status },
        manager,
      );
    });
  }

  /**
   * Stores the changes (a new revision and an audit event), then brings every future, not
   * separately changed occurrence in line with them. A retry after the commit (the worker died
   * before the occurrences were done) finds the changes stored and stores nothing again; bringing
   * the occurrences in line is idempotent and runs on every attempt.
   */
  async applySeriesAmendment({ seriesId, changes, actor }: { seriesId: string; changes: SeriesChanges; actor: Actor }): Promise<void> {
    const series = await this.dataSource.transaction(async (manager) => {
      const current = await manager.findOneOrFail(SeriesEntity, { where: { id: seriesId }, lock: { mode: 'pessimistic_write' } });
      if (alreadyStored(current, changes)) return current;
      const next = { ...current, ...definedOnly(changes), revision: current.revision + 1 };
      this.rules.of(next);
      await manager.update(SeriesEntity, { id: seriesId }, { ...definedOnly(changes), revision: next.revision });
      await this.audit.record(
        {
          actor,
          action: 'series.amend',
          entityType: 'series',
          entityId: seriesId,
          details: { fields: Object.keys(definedOnly(changes)), revision: next.revision },
        },
        manager,
      );
      return next;
    });
    await faultPause(this.config.faultPauseAt, 'series-amendment.committed', (m) => this.logger.warn(m));

    const now = new Date();
    const upcoming = this.rules.of(series).occurrences(series.horizon + 50, now);
    const byDate = new Map(upcoming.map((o) => [localDate(o.start, series.timezone), o]));
    const occurrences = await this.dataSource.getRepository(ExchangeEntity).find({
      where: { seriesId, detached: false, startsAt: MoreThan(now), status: Not(In(['cancelled', 'held', 'closed'])) },
    });
    for (const exchange of occurrences) {
      const match = byDate.get(localDate(exchange.slotStart ?? exchange.startsAt, series.timezone));
      if (!match) {
        await this.exchangeUpdate(exchange.id, () =>
          this.temporal.workflow
            .getHandle(exchangeWorkflowId(exchange.id))
            .executeUpdate(cancelUpdate, { args: [{ reason: 'no longer in the series after an amendment', actor, detach: false }] }),
        );
        continue;
      }
      await this.dataSource.transaction(async (manager) => {
        await manager.update(
          ExchangeEntity,
          { id: exchange.id },
          {
            title: series.title,
            location: series.location,
            reminderOffsets: series.reminderOffsets,
            slotStart: match.start,
          },
        );
        await manager.delete(ExchangeParticipantEntity, { exchangeId: exchange.id });
        if (series.participantIds.length > 0) {
          await manager.insert(
            ExchangeParticipantEntity,
            series.participantIds.map((personId) => ({ exchangeId: exchange.id, personId })),
          );
        }
      });
      // A reschedule (to the new time, or the same one) replans the reminders from the new defaults.
      await this.exchangeUpdate(exchange.id, () =>
        this.temporal.workflow.getHandle(exchangeWorkflowId(exchange.id)).executeUpdate(rescheduleUpdate, {
          args: [
            {
              startsAt: match.start.toISOString(),
              durationMinutes: series.durationMinutes,
              reason: 'series amended',
              actor,
              detach: false,
            },
          ],
        }),
      );
    }
    this.logger.log({ seriesId, revision: series.revision, occurrences: occurrences.length }, 'series amended');
  }

  /** Ends the series: its future occurrences not changed on their own are cancelled. */
  async endSeriesOccurrences({ seriesId, actor }: { seriesId: string; actor: Actor }): Promise<void> {
    await this.recordSeriesStatus({ seriesId, status: 'ended', actor });
    const occurrences = await this.dataSource.getRepository(ExchangeEntity).find({
      where: { seriesId, detached: false, startsAt: MoreThan(new Date()), status: In(['scheduled', 'confirmed']) },
    });
    for (const exchange of occurrences) {
      await this.exchangeUpdate(exchange.id, () =>
        this.temporal.workflow
          .getHandle(exchangeWorkflowId(exchange.id))
          .executeUpdate(cancelUpdate, { args: [{ reason: 'the series has ended', actor, detach: false }] }),
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
    const rows = await this.dataSource.getRepository(ExchangeEntity).find({
      where: { seriesId: series.id },
      select: { id: true, slotStart: true, startsAt: true },
    });
    return new Set(rows.map((r) => localDate(r.slotStart ?? r.startsAt, series.timezone)));
  }

  /** An exchange that is no longer open has nothing to change: its refusal is not an error here. */
  private async exchangeUpdate(exchangeId: string, update: () => Promise<unknown>): Promise<void> {
    try {
      await update();
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) {
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
