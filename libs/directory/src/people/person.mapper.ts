import { isoInZone, isoOrNull } from '@liaison/common';
import type { PersonEntity } from '@liaison/persistence';
import type { PersonResponse } from './person.dto';

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
    quietHours: person.quietHoursStart && person.quietHoursEnd ? { start: person.quietHoursStart, end: person.quietHoursEnd } : null,
    digest: person.digestEnabled,
    digestDueAt: person.digestEnabled ? isoOrNull(person.digestDueAt, person.timezone) : null,
    active: person.deactivatedAt === null,
    deactivatedAt: isoOrNull(person.deactivatedAt),
    createdAt: isoInZone(person.createdAt),
    updatedAt: isoInZone(person.updatedAt),
  };
}
