import { Injectable } from '@nestjs/common';
import { DomainError } from '@liaison/common';
import { OrganizationsService } from '@liaison/directory';
import { OrganizationEntity, OrganizationsRepository, PeopleRepository } from '@liaison/persistence';

/** What an exchange (or a series, for its occurrences) refers to. */
export interface ExchangeReferencesSpec {
  organizations: string[];
  hostOrganization: string;
  areas: string[];
  participantIds: string[];
}

/** Checks what a new exchange points at, before anything is stored. */
@Injectable()
export class ExchangeReferences {
  constructor(
    private readonly organizations: OrganizationsService,
    private readonly catalogue: OrganizationsRepository,
    private readonly people: PeopleRepository,
  ) {}

  /** Checks every reference; a 422 names each field that points at nothing. Returns the organisations by code. */
  async validate(spec: ExchangeReferencesSpec): Promise<Map<string, OrganizationEntity>> {
    if (!spec.organizations.includes(spec.hostOrganization)) {
      throw DomainError.unprocessable('EXCHANGE.HOST_NOT_PARTICIPATING', 'hostOrganization: must be one of organizations', [
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

  private async requireAreas(codes: string[]): Promise<void> {
    const found = await this.catalogue.cooperationAreasByCodes(codes);
    const unknown = codes.filter((code) => !found.some((a) => a.code === code));
    if (unknown.length > 0) {
      throw DomainError.unprocessable('EXCHANGE.UNKNOWN_AREA', `areas: unknown cooperation area ${unknown.join(', ')}`, [
        { field: 'areas', problems: [`unknown cooperation area ${unknown.join(', ')}`] },
      ]);
    }
  }

  /** Every participant must exist and belong to a participating organisation. */
  private async requireParticipants(ids: string[], organizationIds: string[]): Promise<void> {
    if (ids.length === 0) return;
    const people = await this.people.byIds(ids);
    const unknown = ids.filter((id) => !people.some((p) => p.id === id));
    if (unknown.length > 0) {
      throw DomainError.unprocessable('EXCHANGE.UNKNOWN_PARTICIPANT', `participantIds: no person with id ${unknown.join(', ')}`, [
        { field: 'participantIds', problems: [`no person with id ${unknown.join(', ')}`] },
      ]);
    }
    const outsiders = people.filter((p) => !organizationIds.includes(p.organizationId)).map((p) => p.id);
    if (outsiders.length > 0) {
      throw DomainError.unprocessable(
        'EXCHANGE.PARTICIPANT_OUTSIDE',
        `participantIds: ${outsiders.join(', ')} not in a participating organisation`,
        [{ field: 'participantIds', problems: [`${outsiders.join(', ')} not in a participating organisation`] }],
      );
    }
  }
}
