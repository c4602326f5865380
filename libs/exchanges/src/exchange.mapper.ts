import { isoInZone, isoOrNull } from '@liaison/common';
import type { ExchangeEntity, ExchangeRelations, ReminderEntity } from '@liaison/persistence';
import { exchangeWorkflowId } from '@liaison/domain';
import type { ExchangeAccess } from './exchange-actions';
import type { ExchangeResponse, ReminderResponse } from './exchange.response';

/**
 * The exchange as the caller sees it. Attendance: the coordinators of its organisations (and admins,
 * who act for all of them) see every participant's; anyone else sees their own only (`viewerId`).
 * An event's receiving organisation sees it as its coordinators do (`seesAll`).
 */
export function toExchangeResponse(
  e: ExchangeEntity,
  rel: ExchangeRelations,
  access: ExchangeAccess,
  viewerId: string | null,
  seesAll = access.actingFor.length > 0,
): ExchangeResponse {
  return {
    id: e.id,
    workflowId: exchangeWorkflowId(e.id),
    title: e.title,
    level: e.level,
    areas: e.areas,
    organizations: rel.organizations.map((o) => o.code),
    hostOrganization: rel.hostCode,
    startsAt: isoInZone(e.startsAt, e.timezone),
    endsAt: isoInZone(new Date(e.startsAt.getTime() + e.durationMinutes * 60_000), e.timezone),
    durationMinutes: e.durationMinutes,
    timezone: e.timezone,
    location: e.location,
    marking: e.marking,
    participantIds: rel.participantIds,
    participants: rel.participants.map((p) => {
      const seen = seesAll || p.id === viewerId;
      return {
        id: p.id,
        name: p.name,
        organization: p.organizationCode,
        attendance: seen ? p.attendance : null,
        respondedAt: seen ? isoOrNull(p.respondedAt, e.timezone) : null,
        delegatedTo: seen ? p.delegatedTo : null,
        delegatedFrom: seen ? p.delegatedFrom : null,
      };
    }),
    reminderOffsets: e.reminderOffsets,
    status: e.status,
    confirmations: rel.organizations.map((o) => ({
      organization: o.code,
      confirmedAt: isoOrNull(o.confirmedAt, e.timezone),
      remindedAt: isoOrNull(o.remindedAt, e.timezone),
      escalatedAt: isoOrNull(o.escalatedAt, e.timezone),
    })),
    ...e.followUp,
    agendaFrozenAt: isoOrNull(e.agendaFrozenAt, e.timezone),
    minutesLockedAt: isoOrNull(e.minutesLockedAt, e.timezone),
    scheduleRevision: e.scheduleRevision,
    seriesId: e.seriesId,
    slotStart: isoOrNull(e.slotStart, e.timezone),
    detached: e.detached,
    cancelReason: e.cancelReason,
    createdAt: isoInZone(e.createdAt),
    updatedAt: isoInZone(e.updatedAt),
    ...access,
  };
}

/**
 * A reminder row as the caller sees it. `lastError` (a receiver's address, status or network detail)
 * only when `errorVisible` (see `seesDeliveryErrorsOf`); null otherwise.
 */
export function toReminderResponse(r: ReminderEntity, errorVisible: boolean): ReminderResponse {
  return {
    id: r.id,
    key: r.key,
    personId: r.personId,
    channel: r.channel,
    offset: r.offset,
    kind: r.kind,
    dueAt: isoInZone(r.dueAt),
    status: r.status,
    attempts: r.attempts,
    sentAt: isoOrNull(r.sentAt),
    lastError: errorVisible ? r.lastError : null,
    revision: r.revision,
  };
}
