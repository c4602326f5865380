import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService, IdempotencyScope } from '@liaison/access';
import { faultPause, LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { DomainError } from '@liaison/common';
import { millisOf } from '@liaison/domain';
import { OrganizationsService } from '@liaison/directory';
import {
  CooperationAreaEntity,
  ExchangeEntity,
  ExchangeOrganizationEntity,
  ExchangeParticipantEntity,
  FollowUpTimes,
  isUniqueViolation,
  markWorkflowStarted,
  OrganizationEntity,
  PersonEntity,
  unstartedWorkflowRows,
} from '@liaison/persistence';
import { Marking, PersonLevel } from '@liaison/domain';
import {
  LiaisonEntityId,
  LiaisonKind,
  LiaisonNextDeadline,
  LiaisonOrganizations,
  LiaisonStatus,
  startFirstRun,
  TEMPORAL_CLIENT,
  WorkflowStarts,
} from '@liaison/temporal';
import { Client } from '@temporalio/client';
import type { SearchAttributePair } from '@temporalio/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { actionItemsChangedSignal, exchangeWorkflowId, ExchangeWorkflowInput } from './workflow/exchange-workflow.contract';

/** The audit trail's entity type, and the kind of resource an idempotency key notes. */
const EXCHANGE = 'exchange';

/** Everything an exchange is made of; a series slot when it is an occurrence. */
export interface NewExchange {
  title: string;
  level: PersonLevel;
  areas: string[];
  organizations: string[];
  hostOrganization: string;
  startsAt: Date;
  durationMinutes: number;
  timezone: string;
  location: string | null;
  marking: Marking;
  participantIds: string[];
  reminderOffsets: string[];
  followUp: FollowUpTimes;
  createdBy: string | null;
  slot?: { seriesId: string; slotStart: Date };
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
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly idempotency: IdempotencyScope,
  ) {}

  /** Checks every reference; a 400 names each field that points at nothing. */
  async validate(
    spec: Pick<NewExchange, 'organizations' | 'hostOrganization' | 'areas' | 'participantIds'>,
  ): Promise<Map<string, OrganizationEntity>> {
    if (!spec.organizations.includes(spec.hostOrganization)) {
      throw DomainError.invalid('EXCHANGE.HOST_NOT_PARTICIPATING', 'hostOrganization: must be one of organizations', [
        { field: 'hostOrganization', problems: ['must be one of organizations'] },
      ]);
    }
    const organizations = await this.organizations.byCodes(spec.organizations, 'organizations');
    await this.requireAreas(spec.areas);
    await this.requireParticipants(
      spec.participantIds,
      [...organizations.values()].map((o) => o.id),
    );
    return organizations;
  }

  async schedule(spec: NewExchange, actor: AuditActor): Promise<string> {
    const organizations = await this.validate(spec);
    const existing = spec.slot ? await this.slotExchange(spec.slot) : await this.earlierExchange();
    const id = existing ?? (await this.insert(spec, organizations, actor).catch((error: unknown) => this.raced(error, spec)));
    if (!existing && !spec.slot) await faultPause(this.config.faultPauseAt, 'api.after-create-commit', (m) => this.logger.warn(m));
    try {
      await this.startWorkflow(this.workflowInput(id, spec), spec.slot?.seriesId);
    } catch (error) {
      if (spec.slot) throw error; // a series retries; its slot row stays and is found again
      this.logger.error({ exchangeId: id, err: error }, 'could not start the exchange workflow; the exchange is removed');
      await this.dataSource.getRepository(ExchangeEntity).delete({ id });
      throw DomainError.unavailable('TEMPORAL.UNAVAILABLE', 'the workflow service is unavailable; nothing was created, try again');
    }
    await this.markStarted(id);
    return id;
  }

  unstarted(graceMs: number, limit: number): Promise<string[]> {
    return unstartedWorkflowRows(this.dataSource, ExchangeEntity, graceMs, limit);
  }

  /** The workflow of an exchange committed without it, started from the stored row (nothing if the row is gone). */
  async startCommitted(id: string): Promise<boolean> {
    const stored = await this.storedInput(id);
    if (!stored) return false;
    const started = await this.startWorkflow(stored.input, stored.exchange.seriesId ?? undefined);
    await markWorkflowStarted(this.dataSource, ExchangeEntity, id);
    return started;
  }

  /** A failed mark is left to the relay, whose start is then refused as a duplicate and marks it. */
  private async markStarted(id: string): Promise<void> {
    await markWorkflowStarted(this.dataSource, ExchangeEntity, id).catch((error: unknown) =>
      this.logger.warn({ exchangeId: id, err: error }, 'exchange workflow started but not marked; the relay marks it'),
    );
  }

  private async insert(spec: NewExchange, organizations: Map<string, OrganizationEntity>, actor: AuditActor): Promise<string> {
    return this.dataSource.transaction(async (manager: EntityManager) => {
      const inserted = await manager.insert(ExchangeEntity, {
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
      });
      const exchangeId = inserted.identifiers[0].id as string;
      await manager.insert(
        ExchangeOrganizationEntity,
        [...organizations.values()].map((o) => ({ exchangeId, organizationId: o.id, confirmedAt: null, confirmedBy: null })),
      );
      if (spec.participantIds.length > 0) {
        await manager.insert(
          ExchangeParticipantEntity,
          spec.participantIds.map((personId) => ({ exchangeId, personId })),
        );
      }
      await this.audit.record(
        {
          actor,
          action: 'exchange.create',
          entityType: EXCHANGE,
          entityId: exchangeId,
          toState: 'scheduled',
          details: spec.slot ? { seriesId: spec.slot.seriesId, slotStart: spec.slot.slotStart.toISOString() } : undefined,
        },
        manager,
      );
      if (!spec.slot) await this.idempotency.recordCreated(manager, EXCHANGE, exchangeId);
      return exchangeId;
    });
  }

  /** Another materialisation made the same slot first: use its exchange. */
  private async raced(error: unknown, spec: NewExchange): Promise<string> {
    const existing = spec.slot && isUniqueViolation(error) ? await this.slotExchange(spec.slot) : null;
    if (!existing) throw error;
    return existing;
  }

  /**
   * The exchange an earlier attempt with this request's Idempotency-Key committed, if it is still
   * there (its workflow could not be started, and removing it failed too): it is started now.
   */
  private async earlierExchange(): Promise<string | null> {
    const id = this.idempotency.earlier(EXCHANGE);
    return id && (await this.dataSource.getRepository(ExchangeEntity).existsBy({ id })) ? id : null;
  }

  private async slotExchange(slot: { seriesId: string; slotStart: Date }): Promise<string | null> {
    const row = await this.dataSource.getRepository(ExchangeEntity).findOne({
      where: { seriesId: slot.seriesId, slotStart: slot.slotStart },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  /** Starts the exchange's first workflow run; nothing (false) if it has one, open or closed. */
  private async startWorkflow(input: ExchangeWorkflowInput, seriesId: string | undefined): Promise<boolean> {
    const id = input.exchangeId;
    const started = await startFirstRun(this.temporal, 'exchangeWorkflow', {
      workflowId: exchangeWorkflowId(id),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      typedSearchAttributes: this.searchAttributes(id, input.organizations, input.status, new Date(input.startsAt)),
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
      signal: actionItemsChangedSignal,
      signalArgs: [],
      typedSearchAttributes: this.searchAttributes(exchangeId, input.organizations, exchange.status, exchange.startsAt),
    });
  }

  /** The workflow input of an exchange as Postgres has it (its status, confirmations, revision, minutes); null if it is gone. */
  private async storedInput(exchangeId: string): Promise<{ exchange: ExchangeEntity; input: ExchangeWorkflowInput } | null> {
    const exchange = await this.dataSource.getRepository(ExchangeEntity).findOneBy({ id: exchangeId });
    if (!exchange) return null;
    const organizations: Array<{ code: string; confirmed: boolean }> = await this.dataSource.query(
      `SELECT o.code, eo.confirmed_at IS NOT NULL AS confirmed FROM exchange_organizations eo
         JOIN organizations o ON o.id = eo.organization_id WHERE eo.exchange_id = $1 ORDER BY o.code`,
      [exchangeId],
    );
    const [{ version }]: Array<{ version: number }> = await this.dataSource.query(
      `SELECT COALESCE(MAX(version), 0)::int AS version FROM minutes_versions WHERE exchange_id = $1`,
      [exchangeId],
    );
    const input: ExchangeWorkflowInput = {
      ...this.workflowInput(exchangeId, {
        organizations: organizations.map((o) => o.code),
        startsAt: exchange.startsAt,
        durationMinutes: exchange.durationMinutes,
        followUp: exchange.followUp,
      }),
      status: exchange.status,
      confirmedBy: organizations.filter((o) => o.confirmed).map((o) => o.code),
      revision: exchange.scheduleRevision,
      minutesVersion: version,
    };
    return { exchange, input };
  }

  private workflowInput(
    id: string,
    spec: Pick<NewExchange, 'organizations' | 'startsAt' | 'durationMinutes' | 'followUp'>,
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
      queueAheadMs: this.config.reminders.queueAheadMs,
    };
  }

  private searchAttributes(id: string, organizations: string[], status: string, startsAt: Date) {
    return [
      { key: LiaisonKind, value: 'exchange' },
      { key: LiaisonEntityId, value: id },
      { key: LiaisonOrganizations, value: organizations },
      { key: LiaisonStatus, value: status },
      { key: LiaisonNextDeadline, value: startsAt },
    ] satisfies SearchAttributePair[];
  }

  private async requireAreas(codes: string[]): Promise<void> {
    const found = await this.dataSource.getRepository(CooperationAreaEntity).findBy({ code: In(codes) });
    const unknown = codes.filter((code) => !found.some((a) => a.code === code));
    if (unknown.length > 0) {
      throw DomainError.invalid('EXCHANGE.UNKNOWN_AREA', `areas: unknown cooperation area ${unknown.join(', ')}`, [
        { field: 'areas', problems: [`unknown cooperation area ${unknown.join(', ')}`] },
      ]);
    }
  }

  /** Every participant must exist and belong to a participating organisation. */
  private async requireParticipants(ids: string[], organizationIds: string[]): Promise<void> {
    if (ids.length === 0) return;
    const people = await this.dataSource.getRepository(PersonEntity).findBy({ id: In(ids) });
    const unknown = ids.filter((id) => !people.some((p) => p.id === id));
    if (unknown.length > 0) {
      throw DomainError.invalid('EXCHANGE.UNKNOWN_PARTICIPANT', `participantIds: no person with id ${unknown.join(', ')}`, [
        { field: 'participantIds', problems: [`no person with id ${unknown.join(', ')}`] },
      ]);
    }
    const outsiders = people.filter((p) => !organizationIds.includes(p.organizationId)).map((p) => p.id);
    if (outsiders.length > 0) {
      throw DomainError.invalid(
        'EXCHANGE.PARTICIPANT_OUTSIDE',
        `participantIds: ${outsiders.join(', ')} not in a participating organisation`,
        [{ field: 'participantIds', problems: [`${outsiders.join(', ')} not in a participating organisation`] }],
      );
    }
  }
}
