import { isoInZone, isoOrNull } from '@liaison/common';
import { FOLLOW_ORGANIZATION_LANGUAGE, Language } from '@liaison/domain';
import { languageOf, translate } from '@liaison/i18n';
import type { OrganizationEntity, PersonEntity } from '@liaison/persistence';
import type { PersonResponse, QuietHoursResponse } from './person.dto';

/** A person as the API shows them; `organization` gives their code and default language. */
export function toPersonResponse(person: PersonEntity, organization: Pick<OrganizationEntity, 'code' | 'defaultLanguage'>): PersonResponse {
  const language = languageOf({ language: person.language, organization });
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    organization: organization.code,
    level: person.level,
    roles: person.roles,
    timezone: person.timezone,
    language,
    languageChoice: person.language ?? FOLLOW_ORGANIZATION_LANGUAGE,
    channels: {
      inapp: true,
      email: person.emailEnabled,
      webhookUrl: person.webhookUrl,
    },
    quietHours: quietHoursOf(person, language),
    digest: person.digestEnabled,
    digestDueAt: person.digestEnabled ? isoOrNull(person.digestDueAt, person.timezone) : null,
    active: person.deactivatedAt === null,
    deactivatedAt: isoOrNull(person.deactivatedAt),
    createdAt: isoInZone(person.createdAt),
    updatedAt: isoInZone(person.updatedAt),
  };
}

/** The quiet hours with the rule that applies them, in the person's language; null when they have none. */
function quietHoursOf(person: PersonEntity, language: Language): QuietHoursResponse | null {
  const { quietHoursStart: start, quietHoursEnd: end, timezone: zone } = person;
  if (!start || !end) return null;
  return { start, end, rule: translate(language, 'quiet-hours.rule', { start, end, zone }) };
}
