import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liaison/access';
import { DomainError, isoInZone, isoOrNull } from '@liaison/common';
import { ExchangeQueryService, ExchangeTransitionsService } from '@liaison/exchanges';
import { MinutesRepository } from '@liaison/persistence';
import { ApproveMinutesDto, DraftMinutesDto, MinutesResponse } from './minutes.dto';
import { minutesAwaiting } from './minutes-awaiting';

/**
 * Joint minutes. Drafts and approvals are Updates on the exchange's workflow, which knows the
 * current version and the exchange's state, and closes the exchange when the last organisation
 * approves; they are read back from Postgres.
 */
@Injectable()
export class MinutesService {
  constructor(
    private readonly minutes: MinutesRepository,
    private readonly exchanges: ExchangeQueryService,
    private readonly transitions: ExchangeTransitionsService,
  ) {}

  async get(exchangeId: string, principal: Principal): Promise<MinutesResponse> {
    const { exchange, relations } = await this.exchanges.findVisible(exchangeId, principal);
    const versions = await this.minutes.versions(exchangeId);
    const current = versions.at(-1) ?? null;
    const approvals = current ? await this.minutes.approvalsOf(exchangeId, current.version) : [];
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

  async draft(exchangeId: string, dto: DraftMinutesDto, principal: Principal): Promise<MinutesResponse> {
    const { exchange } = await this.exchanges.findCoordinated(exchangeId, principal);
    // A closed exchange's workflow may have ended; say what the workflow would have said.
    if (exchange.status === 'closed') throw DomainError.conflict('MINUTES.LOCKED', 'the minutes are locked; the exchange is closed');
    await this.transitions.update(exchangeId, 'draftMinutes', {
      text: dto.text,
      baseVersion: dto.baseVersion,
      actor: actorOf(principal),
    });
    return this.get(exchangeId, principal);
  }

  async approve(exchangeId: string, dto: ApproveMinutesDto, principal: Principal): Promise<MinutesResponse> {
    await this.exchanges.findActingFor(exchangeId, principal, dto.organization, { code: 'MINUTES.NOT_COORDINATOR', verb: 'approve' });
    await this.transitions.update(exchangeId, 'approveMinutes', {
      organization: dto.organization,
      version: dto.version,
      actor: actorOf(principal),
    });
    return this.get(exchangeId, principal);
  }
}
