import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { ExchangeQueryService, ExchangeTransitionsService } from '@liaison/exchanges';
import { MinutesRepository } from '@liaison/persistence';
import { ApproveMinutesDto, DraftMinutesDto, MinutesResponse } from './minutes.dto';
import { minutesView } from './minutes.mapper';

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
    return minutesView(this.minutes, exchange, relations);
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
