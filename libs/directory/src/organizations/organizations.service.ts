import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService, actorOf, coordinatesFor, Principal, WebhookSecretStore } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { isUniqueViolation, OrganizationEntity } from '@liaison/persistence';
import { DataSource, In } from 'typeorm';
import { CreateOrganizationDto, OrganizationCalendarDto, OrganizationResponse, WebhookSecretResponse } from './organization.dto';

export function toOrganizationResponse(o: OrganizationEntity): OrganizationResponse {
  return { id: o.id, code: o.code, name: o.name, timezone: o.timezone, weekend: o.weekendDays, holidays: o.holidays };
}

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly webhookSecrets: WebhookSecretStore,
  ) {}

  async list(): Promise<OrganizationEntity[]> {
    return this.dataSource.getRepository(OrganizationEntity).find({ order: { code: 'ASC' } });
  }

  /** A new organisation, and its first webhook signing secret (shown this once). */
  async create(dto: CreateOrganizationDto, principal: Principal): Promise<{ organization: OrganizationEntity; webhookSecret: string }> {
    return this.dataSource.transaction(async (manager) => {
      const inserted = await manager
        .insert(OrganizationEntity, {
          code: dto.code,
          name: dto.name,
          timezone: dto.timezone,
          weekendDays: dto.weekend ?? [6, 7],
          holidays: [...(dto.holidays ?? [])].sort(),
        })
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) {
            throw DomainError.conflict('ORGANIZATION.DUPLICATE', `an organization with code ${dto.code} already exists`);
          }
          throw error;
        });
      const organization = await manager.findOneByOrFail(OrganizationEntity, { id: inserted.identifiers[0].id as string });
      const webhookSecret = await this.webhookSecrets.issue(organization.id, manager);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'organization.create',
          entityType: 'organization',
          entityId: organization.id,
          toState: 'active',
        },
        manager,
      );
      return { organization, webhookSecret };
    });
  }

  /**
   * A new webhook signing secret for the organisation (admins, and its own coordinators), shown this
   * once; the previous one signs beside it until `previousValidUntil` (WEBHOOK_SECRET_GRACE).
   */
  async rotateWebhookSecret(code: string, principal: Principal): Promise<WebhookSecretResponse> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(OrganizationEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw DomainError.notFound('ORGANIZATION.NOT_FOUND', `organization ${code} not found`);
      if (!coordinatesFor(principal, code)) {
        throw DomainError.forbidden(
          'ORGANIZATION.NOT_COORDINATOR',
          `only admins and coordinators of ${code} may rotate its webhook secret`,
        );
      }
      const rotated = await this.webhookSecrets.rotate(organization.id, manager);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'organization.webhook-secret.rotate',
          entityType: 'organization',
          entityId: organization.id,
          details: { previousValidUntil: rotated.previousValidUntil.toISOString() },
        },
        manager,
      );
      return { secret: rotated.secret, previousValidUntil: rotated.previousValidUntil.toISOString() };
    });
  }

  /** Sets the working calendar (weekend days and holidays) that support-request service levels count on. */
  async setCalendar(code: string, dto: OrganizationCalendarDto, principal: Principal): Promise<OrganizationEntity> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOne(OrganizationEntity, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!organization) throw DomainError.notFound('ORGANIZATION.NOT_FOUND', `organization ${code} not found`);
      const before = { weekend: organization.weekendDays.join(','), holidays: organization.holidays.length };
      organization.weekendDays = dto.weekend;
      organization.holidays = [...new Set(dto.holidays)].sort();
      await manager.save(organization);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'organization.calendar',
          entityType: 'organization',
          entityId: organization.id,
          details: { weekendBefore: before.weekend, weekend: dto.weekend.join(','), holidays: organization.holidays },
        },
        manager,
      );
      return organization;
    });
  }

  /** Resolves codes to organisations; a 400 names every unknown code under `field`. */
  async byCodes(codes: string[], field: string): Promise<Map<string, OrganizationEntity>> {
    const found = await this.dataSource.getRepository(OrganizationEntity).findBy({ code: In(codes) });
    const byCode = new Map(found.map((o) => [o.code, o]));
    const unknown = codes.filter((code) => !byCode.has(code));
    if (unknown.length > 0) {
      throw DomainError.invalid('ORGANIZATION.UNKNOWN', `${field}: unknown organization ${unknown.join(', ')}`, [
        { field, problems: [`unknown organization ${unknown.join(', ')}`] },
      ]);
    }
    return byCode;
  }
}
