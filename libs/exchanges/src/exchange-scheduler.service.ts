import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService, IdempotencyScope } from '@liaison/access';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { DomainError, durationMillis } from '@liaison/common';
import { OrganizationsService } from '@liaison/directory';
import {
  CooperationAreaEntity,
  ExchangeEntity,
  ExchangeOrganizationEntity,
  ExchangeParticipantEntity,
  FollowUpTimes,
  isUniqueViolation,
  Marking,
  OrganizationEntity,
  PersonEntity,
  PersonLevel,
} from '@liaison/persistence';
import { LiaisonEntityId, LiaisonKind, LiaisonNextDeadline, LiaisonOrganizations, LiaisonStatus, TEMPORAL_CLIENT } from '@liaison/temporal';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
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
 * making it again returns the same exchange and makes sure its workflow runs.
 */
@Injectable()
export class ExchangeScheduler {
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
    try {
      await this.startWorkflow(id, spec);
    } catch (error) {
      if (spec.slot) throw error; // a series retries; its slot row stays and is found again
      this.logger.error({ exchangeId: id, err: error }, 'could not start the exchange workflow; the exchange is removed');
      await this.dataSource.getRepository(ExchangeEntity).delete({ id });
      throw DomainError.unavailable('TEMPORAL.UNAVAILABLE', 'the workflow service is unavailable; nothing was created, try again');
    }
    return id;
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

  private async startWorkflow(id: string, spec: NewExchange): Promise<void> {
    const input = this.workflowInput(id, spec);
    try {
      await this.temporal.workflow.start('exchangeWorkflow', {
        workflowId: exchangeWorkflowId(id),
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        typedSearchAttributes: this.searchAttributes(id, spec.organizations, 'scheduled', spec.startsAt),
      });
      this.logger.log({ exchangeId: id, workflowId: exchangeWorkflowId(id), seriesId: spec.slot?.seriesId }, 'exchange created');
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
  }

  /**
   * Tells the exchange's workflow that its action items changed. The workflow ends once the exchange
   * is closed and nothing is left to follow up; a later change starts it again from Postgres.
   */
  async actionItemsChanged(exchangeId: string): Promise<void> {
    const exchange = await this.dataSource.getRepository(ExchangeEntity).findOneByOrFail({ id: exchangeId });
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
    await this.temporal.workflow.signalWithStart('exchangeWorkflow', {
      workflowId: exchangeWorkflowId(exchangeId),
      taskQueue: this.config.temporal.taskQueue,
      args: [input],
      signal: actionItemsChangedSignal,
      signalArgs: [],
      typedSearchAttributes: this.searchAttributes(exchangeId, input.organizations, exchange.status, exchange.startsAt),
    });
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
      confirmationLeadMs: durationMillis(spec.followUp.confirmationDeadline) ?? 0,
      escalationAfterMs: durationMillis(spec.followUp.escalateAfter) ?? 0,
      agendaFreezeMs: durationMillis(spec.followUp.agendaFreeze) ?? 0,
      minutesDueMs: durationMillis(spec.followUp.minutesDue) ?? 0,
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
