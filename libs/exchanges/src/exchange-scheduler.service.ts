import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditActor, AuditService } from '@liaison/access';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { DomainError, durationMillis } from '@liaison/common';
import { OrganizationsService } from '@liaison/directory';
import {
  CooperationAreaEntity,
  ExchangeEntity,
  ExchangeOrganizationEntity,
  ExchangeParticipantEntity,
  isUniqueViolation,
  Marking,
  OrganizationEntity,
  PersonEntity,
  PersonLevel,
} from '@liaison/persistence';
import { LiaisonEntityId, LiaisonKind, LiaisonNextDeadline, LiaisonOrganizations, LiaisonStatus, TEMPORAL_CLIENT } from '@liaison/temporal';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { DataSource, EntityManager, In } from 'typeorm';
import { exchangeWorkflowId, ExchangeWorkflowInput } from './workflow/exchange-workflow.contract';

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
  confirmationDeadline: string;
  escalateAfter: string;
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
    const existing = spec.slot ? await this.slotExchange(spec.slot) : null;
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
        confirmationDeadline: spec.confirmationDeadline,
        escalateAfter: spec.escalateAfter,
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
          entityType: 'exchange',
          entityId: exchangeId,
          toState: 'scheduled',
          details: spec.slot ? { seriesId: spec.slot.seriesId, slotStart: spec.slot.slotStart.toISOString() } : undefined,
        },
        manager,
      );
      return exchangeId;
    });
  }

  /** Another materialisation made the same slot first: use its exchange. */
  private async raced(error: unknown, spec: NewExchange): Promise<string> {
    const existing = spec.slot && isUniqueViolation(error) ? await this.slotExchange(spec.slot) : null;
    if (!existing) throw error;
    return existing;
  }

  private async slotExchange(slot: { seriesId: string; slotStart: Date }): Promise<string | null> {
    const row = await this.dataSource.getRepository(ExchangeEntity).findOne({
      where: { seriesId: slot.seriesId, slotStart: slot.slotStart },
      select: { id: true },
    });
    return row?.id ?? null;
  }

  private async startWorkflow(id: string, spec: NewExchange): Promise<void> {
    const input: ExchangeWorkflowInput = {
      exchangeId: id,
      status: 'scheduled',
      organizations: spec.organizations,
      confirmedBy: [],
      startsAt: spec.startsAt.toISOString(),
      durationMinutes: spec.durationMinutes,
      revision: 1,
      confirmationLeadMs: durationMillis(spec.confirmationDeadline) ?? 0,
      escalationAfterMs: durationMillis(spec.escalateAfter) ?? 0,
    };
    try {
      await this.temporal.workflow.start('exchangeWorkflow', {
        workflowId: exchangeWorkflowId(id),
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: LiaisonKind, value: 'exchange' },
          { key: LiaisonEntityId, value: id },
          { key: LiaisonOrganizations, value: spec.organizations },
          { key: LiaisonStatus, value: 'scheduled' },
          { key: LiaisonNextDeadline, value: spec.startsAt },
        ],
      });
      this.logger.log({ exchangeId: id, workflowId: exchangeWorkflowId(id), seriesId: spec.slot?.seriesId }, 'exchange created');
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
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
