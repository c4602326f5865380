import { Inject, Injectable, Logger } from '@nestjs/common';
import { actorOf, AuditService, coordinatesAny, hasRole, IdempotencyScope, isAdmin, Principal } from '@liaison/access';
import { DomainError, isoInZone, Page } from '@liaison/common';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { DEFAULT_REMINDER_OFFSETS, ExchangeQueryService, ExchangeResponse, ExchangeScheduler } from '@liaison/exchanges';
import { followUpTimes, SeriesEntity, SeriesReader, SeriesRepository, Transactions, WorkflowStartsRepository } from '@liaison/persistence';
import { SeriesUpdateName, SeriesUpdates, SeriesWorkflowInput, seriesWorkflowId } from '@liaison/domain';
import { startFirstRun, startSearchAttributes, TEMPORAL_CLIENT, UpdateTarget, WorkflowStarts, WorkflowUpdates } from '@liaison/temporal';
import { Client } from '@temporalio/client';
import { AmendSeriesDto, CreateSeriesDto, PreviewSeriesDto } from './dto/series.dto';
import { SeriesEvents } from './events/series-events';
import { SeriesRules } from './series-rules';
import { SeriesPreviewResponse, SeriesResponse, seriesActionsOf, toSeriesResponse } from './series.mapper';

/** The audit trail's entity type, and the kind of resource an idempotency key notes. */
const SERIES = 'series';

/** History events after which a series run continues as new. */
export const SERIES_HISTORY_LIMIT = 2000;

/**
 * Series: created (the row committed, then its workflow started; the row marked once it has, and the
 * API's workflow start relay starting it if the API died in between), previewed, amended, paused,
 * resumed and ended through their workflow.
 */
@Injectable()
export class SeriesService implements WorkflowStarts {
  readonly kind = SERIES;
  private readonly logger = new Logger(SeriesService.name);

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly updates: WorkflowUpdates,
    private readonly seriesRows: SeriesRepository,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly rules: SeriesRules,
    private readonly scheduler: ExchangeScheduler,
    private readonly exchanges: ExchangeQueryService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyScope,
    private readonly workflowStarts: WorkflowStartsRepository,
    private readonly transactions: Transactions,
    private readonly events: SeriesEvents,
  ) {}

  /** The next `count` starts of a rule, from its first, within RECURRENCE_HORIZON_YEARS of it; nothing is saved. */
  preview(dto: PreviewSeriesDto): SeriesPreviewResponse {
    const rule = this.rules.parse(dto);
    return { timezone: dto.timezone, starts: rule.next(dto.count).map((d) => isoInZone(d, dto.timezone)) };
  }

  async create(dto: CreateSeriesDto, principal: Principal, historyLimit = SERIES_HISTORY_LIMIT): Promise<SeriesResponse> {
    if (!coordinatesAny(principal, dto.organizations)) {
      throw DomainError.forbidden('SERIES.NOT_COORDINATOR', 'only a coordinator of a participating organisation may create this series');
    }
    const rule = this.rules.parse(dto, { newStart: true });
    const strangers = dto.hostRotation.filter((code) => !dto.organizations.includes(code));
    if (strangers.length > 0) {
      throw DomainError.unprocessable('SERIES.HOST_NOT_PARTICIPATING', `hostRotation: ${strangers.join(', ')} not among organizations`, [
        { field: 'hostRotation', problems: [`${strangers.join(', ')} not among organizations`] },
      ]);
    }
    await this.scheduler.validate({ ...dto, hostOrganization: dto.hostRotation[0] });

    // A retry, with the same Idempotency-Key, of a create whose series was committed but whose
    // workflow did not start (and whose removal failed too): that series, started now.
    const earlier = this.idempotency.earlier(SERIES);
    const made = earlier ? await this.seriesRows.findById(earlier) : null;
    const series =
      made ??
      (await this.transactions.run(async (uow) => {
        const id = await this.seriesRows.create(
          {
            title: dto.title,
            level: dto.level,
            areas: dto.areas,
            organizations: dto.organizations,
            hostRotation: dto.hostRotation,
            participantIds: dto.participantIds,
            reminderOffsets: dto.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS,
            followUp: followUpTimes(dto),
            rrule: dto.rrule,
            dtstart: dto.dtstart,
            timezone: dto.timezone,
            exdates: dto.exdates ?? [],
            durationMinutes: dto.durationMinutes,
            location: dto.location ?? null,
            marking: dto.marking ?? 'UNMARKED',
            horizon: dto.horizon ?? 2,
            status: 'active',
            revision: 1,
            createdBy: principal.kind === 'person' ? principal.person.id : null,
          },
          uow,
        );
        await this.audit.record(
          { actor: actorOf(principal), action: 'series.create', entityType: SERIES, entityId: id, toState: 'active' },
          uow,
        );
        await this.idempotency.recordCreated(uow, SERIES, id);
        await this.events.record(uow, 'series.created', id);
        return this.seriesRows.getById(id, uow);
      }));

    if (!made) await faultPause(this.config.faultPauseAt, 'api.after-create-commit', (m) => this.logger.warn(m));
    try {
      await this.startWorkflow(series, historyLimit);
    } catch {
      await this.seriesRows.remove(series.id);
      throw DomainError.unavailable('TEMPORAL.UNAVAILABLE', 'the workflow service is unavailable; nothing was created, try again');
    }
    // A failed mark is left to the relay, whose start is then refused as a duplicate and marks it.
    await this.workflowStarts
      .markStarted(SeriesEntity, series.id)
      .catch((error: unknown) =>
        this.logger.warn({ seriesId: series.id, err: error }, 'series workflow started but not marked; the relay marks it'),
      );
    return toSeriesResponse(series, rule, seriesActionsOf(coordinatesAny(principal, series.organizations), series.status));
  }

  unstarted(graceMs: number, limit: number): Promise<string[]> {
    return this.workflowStarts.unstarted(SeriesEntity, graceMs, limit);
  }

  /** The workflow of a series committed without it, started from the stored row (nothing if the row is gone). */
  async startCommitted(id: string): Promise<boolean> {
    const series = await this.seriesRows.findById(id);
    if (!series) return false;
    const started = await this.startWorkflow(series, SERIES_HISTORY_LIMIT);
    await this.workflowStarts.markStarted(SeriesEntity, id);
    return started;
  }

  /** Starts the series' first workflow run; nothing (false) if it has one, open or closed. */
  private async startWorkflow(series: SeriesEntity, historyLimit: number): Promise<boolean> {
    const input: SeriesWorkflowInput = { seriesId: series.id, status: 'active', historyLimit };
    return startFirstRun(this.temporal, 'seriesWorkflow', {
      workflowId: seriesWorkflowId(series.id),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      typedSearchAttributes: startSearchAttributes('series', series.id, series.organizations, 'active'),
    });
  }

  async get(id: string, principal: Principal): Promise<SeriesResponse> {
    const series = await this.findVisible(id, principal);
    return toSeriesResponse(series, this.rules.of(series), seriesActionsOf(coordinatesAny(principal, series.organizations), series.status));
  }

  /** The series the caller may see (as `findVisible` decides for one), newest first. */
  async list(principal: Principal, page: { limit: number; cursor?: string }): Promise<Page<SeriesResponse>> {
    const reader: SeriesReader = isAdmin(principal)
      ? { all: true }
      : {
          personId: principal.kind === 'person' ? principal.person.id : '',
          coordinatorOf: principal.kind === 'person' && hasRole(principal, 'coordinator') ? principal.organizationCode : null,
        };
    const { rows, nextCursor } = await this.seriesRows.listVisible(reader, page);
    return {
      items: rows.map((series) =>
        toSeriesResponse(series, this.rules.of(series), seriesActionsOf(coordinatesAny(principal, series.organizations), series.status)),
      ),
      nextCursor,
    };
  }

  async amend(id: string, dto: AmendSeriesDto, principal: Principal): Promise<SeriesResponse> {
    const series = await this.findCoordinated(id, principal);
    this.rules.of({ ...series, ...definedOnly(dto) }, { newStart: dto.dtstart !== undefined });
    if (dto.hostRotation?.some((code) => !series.organizations.includes(code))) {
      throw DomainError.unprocessable('SERIES.HOST_NOT_PARTICIPATING', 'hostRotation: every host must be among the organizations', [
        { field: 'hostRotation', problems: ['every host must be among the organizations'] },
      ]);
    }
    if (dto.participantIds) {
      await this.scheduler.validate({ ...series, hostOrganization: series.hostRotation[0], participantIds: dto.participantIds });
    }
    await this.update(id, 'amend', { actor: actorOf(principal), changes: definedOnly(dto) });
    return this.get(id, principal);
  }

  async setStatus(id: string, action: 'pause' | 'resume' | 'end', principal: Principal): Promise<SeriesResponse> {
    await this.findCoordinated(id, principal);
    await this.update(id, action, { actor: actorOf(principal) });
    return this.get(id, principal);
  }

  async occurrences(id: string, principal: Principal, page: { limit: number; cursor?: string }): Promise<Page<ExchangeResponse>> {
    await this.findVisible(id, principal);
    return this.exchanges.list(principal, { ...page, seriesId: id });
  }

  private async findVisible(id: string, principal: Principal): Promise<SeriesEntity> {
    const series = await this.seriesRows.findById(id);
    const visible =
      series &&
      (isAdmin(principal) ||
        coordinatesAny(principal, series.organizations) ||
        (principal.kind === 'person' && series.participantIds.includes(principal.person.id)));
    if (!visible) throw DomainError.notFound('SERIES.NOT_FOUND', `series ${id} not found`);
    return series;
  }

  private async findCoordinated(id: string, principal: Principal): Promise<SeriesEntity> {
    const series = await this.findVisible(id, principal);
    if (!coordinatesAny(principal, series.organizations)) {
      throw DomainError.forbidden('SERIES.NOT_COORDINATOR', 'only admins and coordinators of a participating organisation may do this');
    }
    return series;
  }

  /** An Update on the series' workflow (WorkflowUpdates: a rejection is a 409; a workflow not started yet is waited for). */
  private async update<K extends SeriesUpdateName>(id: string, name: K, args: SeriesUpdates[K]['args']): Promise<void> {
    const target: UpdateTarget = {
      workflowId: seriesWorkflowId(id),
      starting: 'SERIES.STARTING',
      noun: 'the series',
      rejected: 'SERIES.REJECTED',
    };
    await this.updates.run<SeriesUpdates, K>(target, name, args, {
      standing: async () => {
        const status = (await this.seriesRows.findById(id))?.status ?? 'gone';
        return { open: status !== 'ended' && status !== 'gone', status };
      },
      ended: () => DomainError.conflict('SERIES.ENDED', 'the series has ended'),
    });
  }
}

function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}
