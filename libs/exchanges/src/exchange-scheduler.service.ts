import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService, IdempotencyScope } from '@liaison/access';
import type { Actor } from '@liaison/domain';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { DomainError } from '@liaison/common';
import {
  EXCHANGE_ACTION_ITEMS_CHANGED_SIGNAL,
  exchangeWorkflowId,
  ExchangeWorkflowInput,
  millisOf,
  WORKFLOW_CODE_VERSION,
} from '@liaison/domain';
import {
  ExchangeEntity,
  ExchangeFields,
  ExchangesRepository,
  isUniqueViolation,
  MinutesRepository,
  OrganizationEntity,
  Transactions,
  WorkflowStartsRepository,
} from '@liaison/persistence';
import { startFirstRun, startSearchAttributes, TEMPORAL_CLIENT, WorkflowStarts } from '@liaison/temporal';
import { Client } from '@temporalio/client';
import { ExchangeReferences, ExchangeReferencesSpec } from './exchange-references';
import { ExchangeEvents, ExchangeSnapshot } from './events/exchange-events';

/** The audit trail's entity type, and the kind of resource an idempotency key notes. */
const EXCHANGE = 'exchange';

/**
 * Everything an exchange is made of: the row's own fields, its organisations by code and its
 * participants by id; a series slot when it is an occurrence.
 */
export interface NewExchange extends ExchangeFields {
  organizations: string[];
  hostOrganization: string;
  participantIds: string[];
  slot?: { seriesId: string; slotStart: Date };
}

/**
 * The exchange scheduled: its id, and when this call made it, the exchange as its transaction wrote
 * it (the caller answers with it instead of reading it again).
 */
export interface ScheduledExchange {
  id: string;
  created: ExchangeSnapshot | null;
}

/**
 * Stores an exchange and starts its workflow: the one way an exchange comes to exist, for the API
 * and for series occurrences alike. A series slot is made at most once (unique series and slot);
 * making it again returns the same exchange and makes sure its workflow runs. The row is marked
 * once its workflow has started; the API's workflow start relay starts the workflow of an exchange
 * left unmarked (its process died between the commit and the start) from the stored row.
 */
@Injectable()
export class ExchangeScheduler implements WorkflowStarts {
  readonly kind = EXCHANGE;
  private readonly logger = new Logger(ExchangeScheduler.name);

  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly references: ExchangeReferences,
    private readonly exchanges: ExchangesRepository,
    private readonly minutes: MinutesRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyScope,
    private readonly workflowStarts: WorkflowStartsRepository,
    private readonly events: ExchangeEvents,
  ) {}

  /** Checks every reference; a 422 names each field that points at nothing. */
  validate(spec: ExchangeReferencesSpec): Promise<Map<string, OrganizationEntity>> {
    return this.references.validate(spec);
  }

  async schedule(spec: NewExchange, actor: Actor): Promise<ScheduledExchange> {
    const organizations = await this.validate(spec);
    const existing = spec.slot ? await this.exchanges.idOfSlot(spec.slot.seriesId, spec.slot.slotStart) : await this.earlierExchange();
    const scheduled = existing ? { id: existing, created: null } : await this.insertOrFind(spec, organizations, actor);
    const id = scheduled.id;
    if (!existing && !spec.slot) await faultPause(this.config.faultPauseAt, 'api.after-create-commit', (m) => this.logger.warn(m));
    try {
      await this.startWorkflow(this.workflowInput(id, spec), spec.slot?.seriesId);
    } catch (error) {
      if (spec.slot) throw error; // a series retries; its slot row stays and is found again
      this.logger.error({ exchangeId: id, err: error }, 'could not start the exchange workflow; the exchange is removed');
      await this.exchanges.remove(id);
      throw DomainError.unavailable('TEMPORAL.UNAVAILABLE', 'the workflow service is unavailable; nothing was created, try again');
    }
    await this.markStarted(id);
    return scheduled;
  }

  unstarted(graceMs: number, limit: number): Promise<string[]> {
    return this.workflowStarts.unstarted(ExchangeEntity, graceMs, limit);
  }

  /** The workflow of an exchange committed without it, started from the stored row (nothing if the row is gone). */
  async startCommitted(id: string): Promise<boolean> {
    const stored = await this.storedInput(id);
    if (!stored) return false;
    const started = await this.startWorkflow(stored.input, stored.exchange.seriesId ?? undefined);
    await this.workflowStarts.markStarted(ExchangeEntity, id);
    return started;
  }

  /** A failed mark is left to the relay, whose start is then refused as a duplicate and marks it. */
  private async markStarted(id: string): Promise<void> {
    await this.workflowStarts
      .markStarted(ExchangeEntity, id)
      .catch((error: unknown) =>
        this.logger.warn({ exchangeId: id, err: error }, 'exchange workflow started but not marked; the relay marks it'),
      );
  }

  /** Inserts the exchange; when another materialisation made the same slot first, that one (nothing created here). */
  private async insertOrFind(spec: NewExchange, organizations: Map<string, OrganizationEntity>, actor: Actor): Promise<ScheduledExchange> {
    try {
      const created = await this.insert(spec, organizations, actor);
      return { id: created.exchange.id, created };
    } catch (error) {
      return { id: await this.raced(error, spec), created: null };
    }
  }

  private async insert(spec: NewExchange, organizations: Map<string, OrganizationEntity>, actor: Actor): Promise<ExchangeSnapshot> {
    return this.transactions.run(async (uow) => {
      const exchangeId = await this.exchanges.create(
        {
          title: spec.title,
          level: spec.level,
          areas: spec.areas,
          hostOrganizationId: organizations.get(spec.hostOrganization)!.id,
          startsAt: spec.startsAt,
          durationMinutes: spec.durationMinutes,
          timezone: spec.timezone,
          location: spec.location,
          marking: spec.marking,
          reminderOffsets: spec.reminderOffsets,
          followUp: spec.followUp,
          status: 'scheduled',
          scheduleRevision: 1,
          createdBy: spec.createdBy,
          seriesId: spec.slot?.seriesId ?? null,
          slotStart: spec.slot?.slotStart ?? null,
        },
        [...organizations.values()].map((o) => o.id),
        spec.participantIds,
        uow,
      );
      await this.audit.record(
        {
          actor,
          action: 'exchange.create',
          entityType: EXCHANGE,
          entityId: exchangeId,
          toState: 'scheduled',
          details: spec.slot ? { seriesId: spec.slot.seriesId, slotStart: spec.slot.slotStart.toISOString() } : undefined,
        },
        uow,
      );
      if (!spec.slot) await this.idempotency.recordCreated(uow, EXCHANGE, exchangeId);
      return this.events.exchange(uow, 'exchange.created', exchangeId);
    });
  }

  /** Another materialisation made the same slot first: use its exchange. */
  private async raced(error: unknown, spec: NewExchange): Promise<string> {
    const existing = spec.slot && isUniqueViolation(error) ? await this.exchanges.idOfSlot(spec.slot.seriesId, spec.slot.slotStart) : null;
    if (!existing) throw error;
    return existing;
  }

  /**
   * The exchange an earlier attempt with this request's Idempotency-Key committed, if it is still
   * there (its workflow could not be started, and removing it failed too): it is started now.
   */
  private async earlierExchange(): Promise<string | null> {
    const id = this.idempotency.earlier(EXCHANGE);
    return id && (await this.exchanges.findById(id)) ? id : null;
  }

  /** Starts the exchange's first workflow run; nothing (false) if it has one, open or closed. */
  private async startWorkflow(input: ExchangeWorkflowInput, seriesId: string | undefined): Promise<boolean> {
    const id = input.exchangeId;
    const started = await startFirstRun(this.temporal, 'exchangeWorkflow', {
      workflowId: exchangeWorkflowId(id),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      typedSearchAttributes: startSearchAttributes('exchange', id, input.organizations, input.status, new Date(input.startsAt)),
    });
    if (started) this.logger.log({ exchangeId: id, workflowId: exchangeWorkflowId(id), seriesId }, 'exchange created');
    return started;
  }

  /**
   * Tells the exchange's workflow that its action items changed. The workflow ends once the exchange
   * is closed and nothing is left to follow up; a later change starts it again from Postgres.
   */
  async actionItemsChanged(exchangeId: string): Promise<void> {
    const stored = await this.storedInput(exchangeId);
    if (!stored) throw DomainError.notFound('EXCHANGE.NOT_FOUND', `exchange ${exchangeId} not found`);
    const { exchange, input } = stored;
    await this.temporal.workflow.signalWithStart('exchangeWorkflow', {
      workflowId: exchangeWorkflowId(exchangeId),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      signal: EXCHANGE_ACTION_ITEMS_CHANGED_SIGNAL,
      signalArgs: [],
      typedSearchAttributes: startSearchAttributes('exchange', exchangeId, input.organizations, exchange.status, exchange.startsAt),
    });
  }

  /** The workflow input of an exchange as Postgres has it (its status, confirmations, revision, minutes); null if it is gone. */
  private async storedInput(exchangeId: string): Promise<{ exchange: ExchangeEntity; input: ExchangeWorkflowInput } | null> {
    const exchange = await this.exchanges.findById(exchangeId);
    if (!exchange) return null;
    const organizations = await this.exchanges.confirmationsOf(exchangeId);
    const minutes = await this.minutes.current(exchangeId);
    const input: ExchangeWorkflowInput = {
      ...this.workflowInput(exchangeId, {
        organizations: organizations.map((o) => o.code),
        startsAt: exchange.startsAt,
        durationMinutes: exchange.durationMinutes,
        level: exchange.level,
        followUp: exchange.followUp,
      }),
      status: exchange.status,
      confirmedBy: organizations.filter((o) => o.confirmed).map((o) => o.code),
      revision: exchange.scheduleRevision,
      minutesVersion: minutes?.version ?? 0,
    };
    return { exchange, input };
  }

  private workflowInput(
    id: string,
    spec: Pick<NewExchange, 'organizations' | 'startsAt' | 'durationMinutes' | 'level' | 'followUp'>,
  ): ExchangeWorkflowInput {
    return {
      exchangeId: id,
      status: 'scheduled',
      organizations: spec.organizations,
      confirmedBy: [],
      startsAt: spec.startsAt.toISOString(),
      durationMinutes: spec.durationMinutes,
      revision: 1,
      confirmationLeadMs: millisOf(spec.followUp.confirmationDeadline),
      escalationAfterMs: millisOf(spec.followUp.escalateAfter),
      agendaFreezeMs: millisOf(spec.followUp.agendaFreeze),
      minutesDueMs: millisOf(spec.followUp.minutesDue),
      // Only a senior-level exchange checks that each organisation sends an accepted senior participant.
      ...(spec.level === 'senior' ? { attendanceCheckMs: millisOf(spec.followUp.attendanceCheck) } : {}),
      queueAheadMs: this.config.reminders.queueAheadMs,
      codeVersion: WORKFLOW_CODE_VERSION,
    };
  }
}
