import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { actorOf, AuditService, coordinatesAny, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { OrganizationsService } from '@liaison/directory';
import {
  CooperationAreaEntity,
  ExchangeEntity,
  ExchangeOrganizationEntity,
  ExchangeParticipantEntity,
  PersonEntity,
} from '@liaison/persistence';
import { LiaisonEntityId, LiaisonKind, LiaisonNextDeadline, LiaisonOrganizations, LiaisonStatus, TEMPORAL_CLIENT } from '@liaison/temporal';
import { Client } from '@temporalio/client';
import { DataSource, In } from 'typeorm';
import { CreateExchangeDto, DEFAULT_REMINDER_OFFSETS } from './dto/create-exchange.dto';
import { ExchangeQueryService } from './exchange-query.service';
import { futureStart } from './start-time';
import { ExchangeResponse } from './exchange.mapper';
import { exchangeWorkflowId, ExchangeWorkflowInput } from './workflow/exchange-workflow.contract';

@Injectable()
export class ExchangesService {
  private readonly logger = new Logger(ExchangesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly query: ExchangeQueryService,
  ) {}

  /** Stores the exchange, then starts its workflow; if Temporal refuses, the row is removed again. */
  async create(dto: CreateExchangeDto, principal: Principal): Promise<ExchangeResponse> {
    const startsAt = futureStart(dto.startsAt);
    if (!dto.organizations.includes(dto.hostOrganization)) {
      throw DomainError.invalid('EXCHANGE.HOST_NOT_PARTICIPATING', 'hostOrganization: must be one of organizations', [
        {
          field: 'hostOrganization',
          problems: ['must be one of organizations'],
        },
      ]);
    }
    if (!coordinatesAny(principal, dto.organizations)) {
      throw DomainError.forbidden(
        'EXCHANGE.NOT_COORDINATOR',
        'only a coordinator of a participating organisation may create this exchange',
      );
    }
    const organizations = await this.organizations.byCodes(dto.organizations, 'organizations');
    await this.requireAreas(dto.areas);
    await this.requireParticipants(
      dto.participantIds,
      [...organizations.values()].map((o) => o.id),
    );

    const id = await this.dataSource.transaction(async (manager) => {
      const inserted = await manager.insert(ExchangeEntity, {
        title: dto.title,
        level: dto.level,
        areas: dto.areas,
        hostOrganizationId: organizations.get(dto.hostOrganization)!.id,
        startsAt,
        durationMinutes: dto.durationMinutes,
        timezone: dto.timezone,
        location: dto.location ?? null,
        marking: dto.marking ?? 'UNMARKED',
        reminderOffsets: dto.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS,
        status: 'scheduled',
        scheduleRevision: 1,
        createdBy: principal.kind === 'person' ? principal.person.id : null,
      });
      const exchangeId = inserted.identifiers[0].id as string;
      await manager.insert(
        ExchangeOrganizationEntity,
        [...organizations.values()].map((o) => ({
          exchangeId,
          organizationId: o.id,
          confirmedAt: null,
          confirmedBy: null,
        })),
      );
      if (dto.participantIds.length > 0) {
        await manager.insert(
          ExchangeParticipantEntity,
          dto.participantIds.map((personId) => ({ exchangeId, personId })),
        );
      }
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'exchange.create',
          entityType: 'exchange',
          entityId: exchangeId,
          toState: 'scheduled',
        },
        manager,
      );
      return exchangeId;
    });

    const input: ExchangeWorkflowInput = {
      exchangeId: id,
      status: 'scheduled',
      organizations: dto.organizations,
      confirmedBy: [],
      startsAt: startsAt.toISOString(),
      durationMinutes: dto.durationMinutes,
      revision: 1,
    };
    try {
      await this.temporal.workflow.start('exchangeWorkflow', {
        workflowId: exchangeWorkflowId(id),
        taskQueue: this.config.temporal.taskQueue,
        args: [input],
        typedSearchAttributes: [
          { key: LiaisonKind, value: 'exchange' },
          { key: LiaisonEntityId, value: id },
          { key: LiaisonOrganizations, value: dto.organizations },
          { key: LiaisonStatus, value: 'scheduled' },
          { key: LiaisonNextDeadline, value: startsAt },
        ],
      });
    } catch (error) {
      this.logger.error({ exchangeId: id, err: error }, 'could not start the exchange workflow; the exchange is removed');
      await this.dataSource.getRepository(ExchangeEntity).delete({ id });
      throw DomainError.unavailable('TEMPORAL.UNAVAILABLE', 'the workflow service is unavailable; nothing was created, try again');
    }
    this.logger.log({ exchangeId: id, workflowId: exchangeWorkflowId(id) }, 'exchange created');
    return this.query.get(id, principal);
  }

  private async requireAreas(codes: string[]): Promise<void> {
    const found = await this.dataSource.getRepository(CooperationAreaEntity).findBy({ code: In(codes) });
    const unknown = codes.filter((code) => !found.some((a) => a.code === code));
    if (unknown.length > 0) {
      throw DomainError.invalid('EXCHANGE.UNKNOWN_AREA', `areas: unknown cooperation area ${unknown.join(', ')}`, [
        {
          field: 'areas',
          problems: [`unknown cooperation area ${unknown.join(', ')}`],
        },
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
        {
          field: 'participantIds',
          problems: [`no person with id ${unknown.join(', ')}`],
        },
      ]);
    }
    const outsiders = people.filter((p) => !organizationIds.includes(p.organizationId)).map((p) => p.id);
    if (outsiders.length > 0) {
      throw DomainError.invalid(
        'EXCHANGE.PARTICIPANT_OUTSIDE',
        `participantIds: ${outsiders.join(', ')} not in a participating organisation`,
        [
          {
            field: 'participantIds',
            problems: [`${outsiders.join(', ')} not in a participating organisation`],
          },
        ],
      );
    }
  }
}
