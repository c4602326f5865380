import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { actorOf, AuditService, coordinatesFor, isAdmin, Principal, seesPerson, TokenService } from '@liaison/access';
import { DomainError, Page } from '@liaison/common';
import { isUniqueViolation, keysetPage, OrganizationEntity, PersonEntity } from '@liaison/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { OrganizationsService } from '../organizations/organizations.service';
import { CreatePersonDto, IssuedTokenResponse, PersonResponse, PersonWithTokenResponse, UpdatePersonDto } from './person.dto';
import { toPersonResponse } from './person.mapper';

@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  async create(dto: CreatePersonDto, principal: Principal): Promise<PersonWithTokenResponse> {
    const organization = (await this.organizations.byCodes([dto.organization], 'organization')).get(dto.organization)!;
    this.requireManager(principal, organization.code);
    if (dto.roles.includes('admin') && !isAdmin(principal)) {
      throw DomainError.forbidden('PERSON.ADMIN_ROLE', 'only an admin may give the admin role');
    }
    return this.dataSource.transaction(async (manager) => {
      const id = await this.insertPerson(manager, dto, organization);
      const issued = await this.tokens.issue(id, manager);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'person.create',
          entityType: 'person',
          entityId: id,
          toState: 'active',
        },
        manager,
      );
      const person = await manager.findOneByOrFail(PersonEntity, { id });
      return { ...toPersonResponse(person, organization.code), token: issued.token, tokenExpiresAt: issued.expiresAt.toISOString() };
    });
  }

  async list(principal: Principal, query: { organization?: string; limit: number; cursor?: string }): Promise<Page<PersonResponse>> {
    const scope = isAdmin(principal) ? query.organization : this.ownOrganizationAsManager(principal);
    const qb = this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .innerJoinAndMapOne('p.organization', OrganizationEntity, 'o', 'o.id = p.organization_id');
    if (scope) qb.andWhere('o.code = :scope', { scope });
    const { rows, nextCursor } = await keysetPage(qb, {
      column: 'p.created_at',
      value: (p) => p.createdAt,
      idColumn: 'p.id',
      direction: 'ASC',
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: rows.map((p) => toPersonResponse(p, p.organization!.code)), nextCursor };
  }

  async get(id: string, principal: Principal): Promise<PersonResponse> {
    const person = await this.findVisible(id, principal);
    return toPersonResponse(person, person.organization!.code);
  }

  async update(id: string, dto: UpdatePersonDto, principal: Principal): Promise<PersonResponse> {
    const person = await this.findVisible(id, principal);
    this.requireManager(principal, person.organization!.code);
    if (dto.roles?.includes('admin') && !person.roles.includes('admin') && !isAdmin(principal)) {
      throw DomainError.forbidden('PERSON.ADMIN_ROLE', 'only an admin may give the admin role');
    }
    await this.dataSource.transaction(async (manager) => {
      await manager
        .update(
          PersonEntity,
          { id },
          {
            ...(dto.name !== undefined ? { name: dto.name } : {}),
            ...(dto.email !== undefined ? { email: dto.email } : {}),
            ...(dto.level !== undefined ? { level: dto.level } : {}),
            ...(dto.roles !== undefined ? { roles: dto.roles } : {}),
            ...(dto.timezone !== undefined ? { timezone: dto.timezone } : {}),
            ...(dto.channels !== undefined
              ? {
                  emailEnabled: dto.channels.email,
                  webhookUrl: dto.channels.webhookUrl ?? null,
                }
              : {}),
            ...(dto.quietHours !== undefined
              ? {
                  quietHoursStart: dto.quietHours.start,
                  quietHoursEnd: dto.quietHours.end,
                }
              : {}),
          },
        )
        .catch((error: unknown) => rethrowDuplicateEmail(error, dto.email));
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'person.update',
          entityType: 'person',
          entityId: id,
          details: { fields: Object.keys(dto) },
        },
        manager,
      );
    });
    return this.get(id, principal);
  }

  /** A new token for the person; their earlier tokens stop working. */
  async issueToken(id: string, principal: Principal): Promise<IssuedTokenResponse> {
    const person = await this.findVisible(id, principal);
    const self = principal.kind === 'person' && principal.person.id === id;
    if (!self) this.requireManager(principal, person.organization!.code);
    return this.dataSource.transaction(async (manager) => {
      const issued = await this.tokens.issue(id, manager);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'person.token.issue',
          entityType: 'person',
          entityId: id,
          details: { expiresAt: issued.expiresAt.toISOString() },
        },
        manager,
      );
      return { token: issued.token, expiresAt: issued.expiresAt.toISOString() };
    });
  }

  private async insertPerson(manager: EntityManager, dto: CreatePersonDto, organization: OrganizationEntity): Promise<string> {
    const result = await manager
      .insert(PersonEntity, {
        name: dto.name,
        email: dto.email,
        organizationId: organization.id,
        level: dto.level,
        roles: dto.roles,
        timezone: dto.timezone,
        emailEnabled: dto.channels?.email ?? false,
        webhookUrl: dto.channels?.webhookUrl ?? null,
        quietHoursStart: dto.quietHours?.start ?? null,
        quietHoursEnd: dto.quietHours?.end ?? null,
      })
      .catch((error: unknown) => rethrowDuplicateEmail(error, dto.email));
    return result.identifiers[0].id as string;
  }

  /** The person with their organisation, or a 404 when the caller may not see them (see `seesPerson`). */
  async findVisible(id: string, principal: Principal): Promise<PersonEntity> {
    const person = await this.dataSource
      .getRepository(PersonEntity)
      .createQueryBuilder('p')
      .innerJoinAndMapOne('p.organization', OrganizationEntity, 'o', 'o.id = p.organization_id')
      .where('p.id = :id', { id })
      .getOne();
    if (!person || !seesPerson(principal, { id, organizationCode: person.organization!.code })) {
      throw DomainError.notFound('PERSON.NOT_FOUND', `person ${id} not found`);
    }
    return person;
  }

  private requireManager(principal: Principal, organizationCode: string): void {
    if (!coordinatesFor(principal, organizationCode)) {
      throw DomainError.forbidden('PERSON.NOT_MANAGER', `only an admin or a coordinator of ${organizationCode} may do this`);
    }
  }

  private ownOrganizationAsManager(principal: Principal): string {
    if (principal.kind === 'person' && principal.person.roles.includes('coordinator')) return principal.organizationCode;
    throw DomainError.forbidden('PERSON.NOT_MANAGER', 'only admins and coordinators may list people');
  }
}

function rethrowDuplicateEmail(error: unknown, email: string | undefined): never {
  if (isUniqueViolation(error)) {
    throw DomainError.conflict('PERSON.DUPLICATE_EMAIL', `a person with e-mail ${email} already exists`);
  }
  throw error;
}
