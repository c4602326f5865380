import { Injectable } from '@nestjs/common';
import { AuditService, actorOf, coordinatesFor, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { DEFAULT_LANGUAGE } from '@liaison/domain';
import {
  isUniqueViolation,
  OrganizationEntity,
  OrganizationsRepository,
  Transactions,
  UnitOfWork,
  WebhookSecretsRepository,
} from '@liaison/persistence';
import {
  CreateOrganizationDto,
  OrganizationCalendarDto,
  OrganizationLanguageDto,
  OrganizationResponse,
  WebhookSecretResponse,
} from './organization.dto';

export function toOrganizationResponse(o: OrganizationEntity): OrganizationResponse {
  return {
    id: o.id,
    code: o.code,
    name: o.name,
    timezone: o.timezone,
    weekend: o.weekendDays,
    holidays: o.holidays,
    defaultLanguage: o.defaultLanguage,
  };
}

@Injectable()
export class OrganizationsService {
  constructor(
    private readonly organizations: OrganizationsRepository,
    private readonly transactions: Transactions,
    private readonly audit: AuditService,
    private readonly webhookSecrets: WebhookSecretsRepository,
  ) {}

  async list(): Promise<OrganizationEntity[]> {
    return this.organizations.list();
  }

  /** A new organisation, and its first webhook signing secret (shown this once). */
  async create(dto: CreateOrganizationDto, principal: Principal): Promise<{ organization: OrganizationEntity; webhookSecret: string }> {
    return this.transactions.run(async (uow) => {
      const organization = await this.organizations
        .create(
          {
            code: dto.code,
            name: dto.name,
            timezone: dto.timezone,
            weekendDays: dto.weekend ?? [6, 7],
            holidays: [...(dto.holidays ?? [])].sort(),
            defaultLanguage: dto.defaultLanguage ?? DEFAULT_LANGUAGE,
          },
          uow,
        )
        .catch((error: unknown) => {
          if (isUniqueViolation(error)) {
            throw DomainError.conflict('ORGANIZATION.DUPLICATE', `an organization with code ${dto.code} already exists`);
          }
          throw error;
        });
      const webhookSecret = await this.webhookSecrets.issue(organization.id, uow);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'organization.create',
          entityType: 'organization',
          entityId: organization.id,
          toState: 'active',
        },
        uow,
      );
      return { organization, webhookSecret };
    });
  }

  /**
   * A new webhook signing secret for the organisation (admins, and its own coordinators), shown this
   * once; the previous one signs beside it until `previousValidUntil` (WEBHOOK_SECRET_GRACE).
   */
  async rotateWebhookSecret(code: string, principal: Principal): Promise<WebhookSecretResponse> {
    return this.transactions.run(async (uow) => {
      const organization = await this.lockExisting(code, uow);
      if (!coordinatesFor(principal, code)) {
        throw DomainError.forbidden(
          'ORGANIZATION.NOT_COORDINATOR',
          `only admins and coordinators of ${code} may rotate its webhook secret`,
        );
      }
      const rotated = await this.webhookSecrets.rotate(organization.id, uow);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'organization.webhook-secret.rotate',
          entityType: 'organization',
          entityId: organization.id,
          details: { previousValidUntil: rotated.previousValidUntil.toISOString() },
        },
        uow,
      );
      return { secret: rotated.secret, previousValidUntil: rotated.previousValidUntil.toISOString() };
    });
  }

  /** Sets the working calendar (weekend days and holidays) that support-request service levels count on. */
  async setCalendar(code: string, dto: OrganizationCalendarDto, principal: Principal): Promise<OrganizationEntity> {
    return this.transactions.run(async (uow) => {
      const organization = await this.lockExisting(code, uow);
      const before = { weekend: organization.weekendDays.join(','), holidays: organization.holidays.length };
      organization.weekendDays = dto.weekend;
      organization.holidays = [...new Set(dto.holidays)].sort();
      await this.organizations.save(organization, uow);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'organization.calendar',
          entityType: 'organization',
          entityId: organization.id,
          details: { weekendBefore: before.weekend, weekend: dto.weekend.join(','), holidays: organization.holidays },
        },
        uow,
      );
      return organization;
    });
  }

  /** Sets the language the organisation's people are written to in unless they chose their own. */
  async setLanguage(code: string, dto: OrganizationLanguageDto, principal: Principal): Promise<OrganizationEntity> {
    return this.transactions.run(async (uow) => {
      const organization = await this.lockExisting(code, uow);
      const before = organization.defaultLanguage;
      organization.defaultLanguage = dto.defaultLanguage;
      await this.organizations.save(organization, uow);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'organization.language',
          entityType: 'organization',
          entityId: organization.id,
          fromState: before,
          toState: dto.defaultLanguage,
        },
        uow,
      );
      return organization;
    });
  }

  /** Resolves codes to organisations; a 422 names every unknown code under `field`. */
  async byCodes(codes: string[], field: string): Promise<Map<string, OrganizationEntity>> {
    const found = await this.organizations.byCodes(codes);
    const byCode = new Map(found.map((o) => [o.code, o]));
    const unknown = codes.filter((code) => !byCode.has(code));
    if (unknown.length > 0) {
      throw DomainError.unprocessable('ORGANIZATION.UNKNOWN', `${field}: unknown organization ${unknown.join(', ')}`, [
        { field, problems: [`unknown organization ${unknown.join(', ')}`] },
      ]);
    }
    return byCode;
  }

  /** The organisation, its row locked for the rest of the transaction; a 404 when there is none. */
  private async lockExisting(code: string, uow: UnitOfWork): Promise<OrganizationEntity> {
    const organization = await this.organizations.lockByCode(code, uow);
    if (!organization) throw DomainError.notFound('ORGANIZATION.NOT_FOUND', `organization ${code} not found`);
    return organization;
  }
}
