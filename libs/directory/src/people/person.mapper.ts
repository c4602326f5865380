import { isoInZone, isoOrNull } from '@liaison/common';
import { languageOf, translate } from '@liaison/i18n';
import type { PersonEntity } from '@liaison/persistence';
import type { PersonResponse, QuietHoursResponse } from './person.dto';

/**
 * The person as the API shows them. Their language (for the quiet-hours rule) is theirs, else their
 * organisation's default: callers pass the person with `organization` loaded where they have it.
 */
export function toPersonResponse(person: PersonEntity, organizationCode: string): PersonResponse {
  return {
    id: person.id,
    name: person.name,
    email: person.email,
    organization: organizationCode,
    level: person.level,
    roles: person.roles,
    timezone: person.timezone,
    channels: {
      inapp: true,
      email: person.emailEnabled,
      webhookUrl: person.webhookUrl,
    },
    quietHours: quietHoursOf(person),
    active: person.deactivatedAt === null,
    deactivatedAt: isoOrNull(person.deactivatedAt),
    createdAt: isoInZone(person.createdAt),
    updatedAt: isoInZone(person.updatedAt),
  };
}

/** The quiet hours with the rule that applies them, in the person's language; null when they have none. */
function quietHoursOf(person: PersonEntity): QuietHoursResponse | null {
  const { quietHoursStart: start, quietHoursEnd: end, timezone: zone } = person;
  if (!start || !end) return null;
  return { start, end, rule: translate(languageOf(person), 'quiet-hours.rule', { start, end, zone }) };
}
