import { isoInZone, isoOrNull } from '@liaison/common';
import type { ExchangeEntity, ExchangeRelations, MinutesRepository, UnitOfWork } from '@liaison/persistence';
import type { MinutesResponse } from './minutes.dto';
import { minutesAwaiting } from './minutes-awaiting';

/** The minutes of an exchange as the API shows them (as `uow` sees them, when given): the current version, its approvals, every version. */
export async function minutesView(
  minutes: MinutesRepository,
  exchange: ExchangeEntity,
  relations: ExchangeRelations,
  uow?: UnitOfWork,
): Promise<MinutesResponse> {
  const exchangeId = exchange.id;
  const versions = await minutes.versions(exchangeId, uow);
  const current = versions.at(-1) ?? null;
  const approvals = current ? await minutes.approvalsOf(exchangeId, current.version, uow) : [];
  const approved = approvals.map((a) => a.organization);
  return {
    exchangeId,
    status: exchange.minutesLockedAt ? 'locked' : current ? 'draft' : 'none',
    version: current?.version ?? 0,
    text: current?.text ?? null,
    draftedBy: current?.draftedBy ?? null,
    draftedAt: isoOrNull(current?.draftedAt ?? null, exchange.timezone),
    approvals: approvals.map((a) => ({
      organization: a.organization,
      approvedBy: a.approvedBy,
      approvedAt: isoInZone(a.approvedAt, exchange.timezone),
    })),
    awaiting: minutesAwaiting(
      relations.organizations.map((o) => o.code),
      current ? approved : null,
    ),
    lockedAt: isoOrNull(exchange.minutesLockedAt, exchange.timezone),
    versions: versions.map((v) => ({
      version: v.version,
      text: v.text,
      draftedBy: v.draftedBy,
      draftedAt: isoInZone(v.draftedAt, exchange.timezone),
    })),
  };
}
