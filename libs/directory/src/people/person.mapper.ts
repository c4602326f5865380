import { isoInZone, isoOrNull } from '@liaison/common';
import { FOLLOW_ORGANIZATION_LANGUAGE } from '@liaison/domain';
import { languageOf } from '@liaison/i18n';
import type { OrganizationEntity, PersonEntity } from '@liaison/persistence';
import type { PersonResponse } from './person.dto';

/** A person as the API shows them; `organization` gives their code and default language. */
export function toPersonResponse(person: PersonEntity, organization: Pick<OrganizationEntity, 'code' | 'defaultLanguage'>): PersonResponse {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    organization: organization.code,
    level: person.level,
    roles: person.roles,
    timezone: person.timezone,
    language: languageOf({ language: person.language, organization }),
    languageChoice: person.language ?? FOLLOW_ORGANIZATION_LANGUAGE,
    channels: {
      inapp: true,
      email: person.emailEnabled,
      webhookUrl: person.webhookUrl,
    },
    quietHours: person.quietHoursStart && person.quietHoursEnd ? { start: person.quietHoursStart, end: person.quietHoursEnd } : null,
    digest: person.digestEnabled,
    digestDueAt: person.digestEnabled ? isoOrNull(person.digestDueAt, person.timezone) : null,
    active: person.deactivatedAt === null,
    deactivatedAt: isoOrNull(person.deactivatedAt),
    createdAt: isoInZone(person.createdAt),
    updatedAt: isoInZone(person.updatedAt),
  };
}
