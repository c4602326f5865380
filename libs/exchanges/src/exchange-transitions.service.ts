import { Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import {
  exchangeWorkflowId,
  ExchangeStatus,
  ExchangeUpdateName,
  ExchangeUpdates,
  ExchangeWorkflowState,
  OPEN_EXCHANGE_STATUSES,
} from '@liaison/domain';
import { UpdateTarget, WorkflowUpdates } from '@liaison/temporal';
import { ConfirmExchangeDto, RescheduleExchangeDto, CancelExchangeDto } from './dto/exchange-actions.dto';
import { ExchangeQueryService } from './exchange-query.service';
import { futureStart } from './start-time';
import { ExchangeResponse } from './exchange.response';

/**
 * Confirm, reschedule and cancel (and, through `update`, the minutes): each is a Temporal Update
 * on the exchange's workflow, which validates it against the workflow's own state and answers
 * once the change is in Postgres.
 * A rejected Update reaches the caller as a 409.
 */
@Injectable()
export class ExchangeTransitionsService {
  constructor(
    private readonly updates: WorkflowUpdates,
    private readonly query: ExchangeQueryService,
  ) {}

  async confirm(id: string, dto: ConfirmExchangeDto, principal: Principal): Promise<ExchangeResponse> {
    await this.query.findActingFor(id, principal, dto.organization, { code: 'EXCHANGE.NOT_COORDINATOR', verb: 'confirm' });
    await this.update(id, 'confirm', {
      organization: dto.organization,
      actor: actorOf(principal),
    });
    return this.query.get(id, principal);
  }

  async reschedule(id: string, dto: RescheduleExchangeDto, principal: Principal): Promise<ExchangeResponse> {
    await this.query.findCoordinated(id, principal);
    const startsAt = futureStart(dto.startsAt);
    await this.update(id, 'reschedule', {
      startsAt: startsAt.toISOString(),
      reason: dto.reason,
      actor: actorOf(principal),
      detach: true,
    });
    return this.query.get(id, principal);
  }

  async cancel(id: string, dto: CancelExchangeDto, principal: Principal): Promise<ExchangeResponse> {
    await this.query.findCoordinated(id, principal);
    await this.update(id, 'cancel', {
      reason: dto.reason,
      actor: actorOf(principal),
      detach: true,
    });
    return this.query.get(id, principal);
  }

  /**
   * Runs an Update on the exchange's workflow; a rejection is a 409 naming the state. A series
   * occurrence is visible as soon as its row commits and its workflow starts just after: an Update
   * that finds an open exchange without a workflow waits for it, then answers 503 (WorkflowUpdates).
   */
  update<K extends ExchangeUpdateName>(id: string, name: K, args: ExchangeUpdates[K]['args']): Promise<ExchangeWorkflowState> {
    const target: UpdateTarget = {
      workflowId: exchangeWorkflowId(id),
      starting: 'EXCHANGE.STARTING',
      noun: 'the exchange',
      rejected: 'EXCHANGE.REJECTED',
    };
    return this.updates.run<ExchangeUpdates, K>(target, name, args, {
      standing: async () => {
        const status = await this.query.status(id);
        return { open: OPEN_EXCHANGE_STATUSES.includes(status as ExchangeStatus), status };
      },
      // The workflow has finished: the exchange was cancelled or has been held.
      ended: (status) => DomainError.conflict('EXCHANGE.NOT_OPEN', `the exchange is ${status} and no longer open to changes`),
    });
  }
}
