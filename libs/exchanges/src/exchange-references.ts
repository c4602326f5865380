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
    // Three reads at once (one round trip's wait instead of three); the checks then run in the same order as ever.
    const [organizations, areas, people] = await Promise.all([
      this.organizations.byCodes(spec.organizations, 'organizations'),
      this.catalogue.cooperationAreasByCodes(spec.areas),
      spec.participantIds.length > 0 ? this.people.byIds(spec.participantIds) : Promise.resolve([]),
    ]);
    requireAreas(spec.areas, areas);
    requireParticipants(
      spec.participantIds,
      people,
      [...organizations.values()].map((o) => o.id),
    );
    return organizations;
  }
}

function requireAreas(codes: string[], found: Array<{ code: string }>): void {
  const unknown = codes.filter((code) => !found.some((a) => a.code === code));
  if (unknown.length > 0) {
    throw DomainError.unprocessable('EXCHANGE.UNKNOWN_AREA', `areas: unknown cooperation area ${unknown.join(', ')}`, [
      { field: 'areas', problems: [`unknown cooperation area ${unknown.join(', ')}`] },
    ]);
  }
}

/** Every participant must exist and belong to a participating organisation. */
function requireParticipants(ids: string[], people: Array<{ id: string; organizationId: string }>, organizationIds: string[]): void {
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
