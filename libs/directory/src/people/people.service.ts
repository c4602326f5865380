import { Injectable } from '@nestjs/common';
import {
  actorOf,
  actsOnPerson,
  AuditService,
  isAdmin,
  PERSON_REFUSALS,
  PersonRefusal,
  Principal,
  seesPerson,
  TokenService,
} from '@liaison/access';
import { DomainError, Page, WebhookUrlPolicy } from '@liaison/common';
import { isUniqueViolation, OrganizationEntity, PeopleRepository, PersonEntity, Transactions, UnitOfWork } from '@liaison/persistence';
import { type ErrorCodeOf, FOLLOW_ORGANIZATION_LANGUAGE, Language, LanguageChoice, PersonRole } from '@liaison/domain';
import { OrganizationsService } from '../organizations/organizations.service';
import { CreatePersonDto, IssuedTokenResponse, PersonResponse, PersonWithTokenResponse, UpdateMeDto, UpdatePersonDto } from './person.dto';
import { toPersonResponse } from './person.mapper';
import { PERSON_STATES } from './person-state';

/** The audit action of a refused act on a person; `details.attempted` names the act, `details.code` the refusal. */
export const PERSON_REFUSED = 'person.refused';

@Injectable()
export class PeopleService {
  constructor(
    private readonly people: PeopleRepository,
    private readonly transactions: Transactions,
    private readonly organizations: OrganizationsService,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
    private readonly webhookUrls: WebhookUrlPolicy,
  ) {}

  async create(dto: CreatePersonDto, principal: Principal): Promise<PersonWithTokenResponse> {
    const organization = (await this.organizations.byCodes([dto.organization], 'organization')).get(dto.organization)!;
    const refusal = actsOnPerson(principal, { organizationCode: organization.code, roles: dto.roles });
    if (refusal) {
      await this.refuse(principal, refusal, {
        attempted: 'person.create',
        entityType: 'organization',
        entityId: organization.id,
        details: { roles: dto.roles },
      });
    }
    await this.vetWebhookUrl(dto.channels?.webhookUrl);
    return this.transactions.run(async (uow) => {
      const id = await this.insertPerson(uow, dto, organization);
      const issued = await this.tokens.issue(id, uow);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'person.create',
          entityType: 'person',
          entityId: id,
          toState: PERSON_STATES.active,
        },
        uow,
      );
      const person = await this.people.byId(id, uow);
      return { ...toPersonResponse(person, organization), token: issued.token, tokenExpiresAt: issued.expiresAt.toISOString() };
    });
  }

  async list(principal: Principal, query: { organization?: string; limit: number; cursor?: string }): Promise<Page<PersonResponse>> {
    const scope = isAdmin(principal) ? query.organization : this.ownOrganizationAsManager(principal);
    const { rows, nextCursor } = await this.people.listWithOrganization(scope, query);
    return { items: rows.map((p) => toPersonResponse(p, p.organization!)), nextCursor };
  }

  async get(id: string, principal: Principal): Promise<PersonResponse> {
    const person = await this.findVisible(id, principal);
    return toPersonResponse(person, person.organization!);
  }

  async update(id: string, dto: UpdatePersonDto, principal: Principal): Promise<PersonResponse> {
    await this.vetWebhookUrl(dto.channels?.webhookUrl);
    await this.actOn(id, principal, { attempted: 'person.update', grants: dto.roles }, (uow) => this.change(id, dto, principal, uow));
    return this.get(id, principal);
  }

  /** The caller's own name, time zone, channels and quiet hours (`PATCH /v1/me`): theirs to change, whatever their roles. */
  async updateOwn(person: PersonEntity, dto: UpdateMeDto, principal: Principal): Promise<PersonResponse> {
    await this.vetWebhookUrl(dto.channels?.webhookUrl);
    await this.transactions.run((uow) => this.change(person.id, dto, principal, uow));
    return this.get(person.id, principal);
  }

  private async change(id: string, dto: UpdatePersonDto & { digest?: boolean }, principal: Principal, uow: UnitOfWork): Promise<void> {
    // A new zone or quiet hours, or a digest turned on or off: the notifier plans the next digest afresh.
    const replan = dto.digest !== undefined || dto.timezone !== undefined || dto.quietHours !== undefined;
    await this.people
      .change(
        id,
        {
          ...(dto.name !== undefined ? { name: dto.name } : {}),
          ...(dto.email !== undefined ? { email: dto.email } : {}),
          ...(dto.level !== undefined ? { level: dto.level } : {}),
          ...(dto.roles !== undefined ? { roles: dto.roles } : {}),
          ...(dto.timezone !== undefined ? { timezone: dto.timezone } : {}),
          ...(dto.channels !== undefined ? { emailEnabled: dto.channels.email, webhookUrl: dto.channels.webhookUrl ?? null } : {}),
          ...(dto.quietHours !== undefined ? { quietHoursStart: dto.quietHours.start, quietHoursEnd: dto.quietHours.end } : {}),
          ...(dto.language !== undefined ? { language: ownLanguage(dto.language) } : {}),
          ...(dto.digest !== undefined ? { digestEnabled: dto.digest } : {}),
          ...(replan ? { digestDueAt: null } : {}),
        },
        uow,
      )
      .catch((error: unknown) => rethrowDuplicateEmail(error, dto.email));
    await this.audit.record(
      { actor: actorOf(principal), action: 'person.update', entityType: 'person', entityId: id, details: { fields: Object.keys(dto) } },
      uow,
    );
  }

  /** A new token for the person; their earlier tokens stop working. */
  async issueToken(id: string, principal: Principal): Promise<IssuedTokenResponse> {
    return this.actOn(id, principal, { attempted: 'person.token.issue', selfAllowed: true }, async (uow) => {
      const issued = await this.tokens.issue(id, uow);
      await this.audit.record(
        {
          actor: actorOf(principal),
          action: 'person.token.issue',
          entityType: 'person',
          entityId: id,
          details: { expiresAt: issued.expiresAt.toISOString() },
        },
        uow,
      );
      return { token: issued.token, expiresAt: issued.expiresAt.toISOString() };
    });
  }

  private insertPerson(uow: UnitOfWork, dto: CreatePersonDto, organization: OrganizationEntity): Promise<string> {
    return this.people
      .create(
        {
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
          language: ownLanguage(dto.language),
        },
        uow,
      )
      .catch((error: unknown) => rethrowDuplicateEmail(error, dto.email));
  }

  /** The person with their organisation, or a 404 when the caller may not see them (see `seesPerson`). */
  async findVisible(id: string, principal: Principal): Promise<PersonEntity> {
    const person = await this.people.withOrganization(id);
    if (!person || !seesPerson(principal, { id, organizationCode: person.organization!.code })) {
      throw DomainError.notFound('PERSON.NOT_FOUND', `person ${id} not found`);
    }
    return person;
  }

  /**
   * Runs `work` on the person, their row locked, when the caller may act on them (`actsOnPerson`;
   * `grants`: their roles after the change; `selfAllowed`: a person may do this to themself). A
   * person the caller cannot see is a 404; a refusal is a 403, audited as `person.refused` after the
   * transaction, which has written nothing.
   */
  async actOn<T>(
    id: string,
    principal: Principal,
    act: { attempted: string; grants?: PersonRole[]; selfAllowed?: boolean },
    work: (uow: UnitOfWork, person: PersonEntity) => Promise<T>,
  ): Promise<T> {
    const { organization } = await this.findVisible(id, principal);
    const self = principal.kind === 'person' && principal.person.id === id;
    const outcome = await this.transactions.run(async (uow): Promise<{ refusal: PersonRefusal } | { done: T }> => {
      const person = await this.people.lock(id, uow);
      const refusal =
        act.selfAllowed && self ? null : actsOnPerson(principal, { organizationCode: organization!.code, roles: person.roles }, act.grants);
      if (refusal) return { refusal };
      person.organization = organization;
      return { done: await work(uow, person) };
    });
    if ('refusal' in outcome) {
      return this.refuse(principal, outcome.refusal, { attempted: act.attempted, entityType: 'person', entityId: id });
    }
    return outcome.done;
  }

  /** Audits a refusal (in its own statement: the request fails, the record stays) and throws it as a 403. */
  async refuse(
    principal: Principal,
    refusal: { code: ErrorCodeOf<403>; reason: string },
    about: { attempted: string; entityType: string; entityId: string; details?: Record<string, string | string[]> },
  ): Promise<never> {
    await this.audit.record({
      actor: actorOf(principal),
      action: PERSON_REFUSED,
      entityType: about.entityType,
      entityId: about.entityId,
      details: { attempted: about.attempted, code: refusal.code, reason: refusal.reason, ...about.details },
    });
    throw DomainError.forbidden(refusal.code, refusal.reason);
  }

  /**
   * A 422 naming `channels.webhookUrl` unless webhooks may be sent there (WebhookUrlPolicy); outside
   * any transaction, as it may wait for DNS. On update it comes before the caller's right to act is
   * known (that is decided under the row lock): it answers the same for a name that does not
   * resolve as for a private one, so it tells nothing of the internal network.
   */
  private async vetWebhookUrl(url: string | undefined): Promise<void> {
    if (url !== undefined) await this.webhookUrls.vet(url, 'channels.webhookUrl');
  }

  private ownOrganizationAsManager(principal: Principal): string {
    if (principal.kind === 'person' && principal.person.roles.includes('coordinator')) return principal.organizationCode;
    throw DomainError.forbidden(PERSON_REFUSALS.notManager, 'only admins and coordinators may list people');
  }
}

function rethrowDuplicateEmail(error: unknown, email: string | undefined): never {
  if (isUniqueViolation(error)) {
    throw DomainError.conflict('PERSON.DUPLICATE_EMAIL', `a person with e-mail ${email} already exists`);
  }
  throw error;
}

/** The language stored for a choice: none (null) to follow the organisation's default. */
function ownLanguage(choice: LanguageChoice | undefined): Language | null {
  return choice === undefined || choice === FOLLOW_ORGANIZATION_LANGUAGE ? null : choice;
}
