import { Inject, Injectable } from '@nestjs/common';
import { actorOf, Principal } from '@liaison/access';
import { DomainError } from '@liaison/common';
import { TEMPORAL_CLIENT, workflowEnded } from '@liaison/temporal';
import { ApplicationFailure, Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { ConfirmExchangeDto, RescheduleExchangeDto, CancelExchangeDto } from './dto/exchange-actions.dto';
import { ExchangeQueryService } from './exchange-query.service';
import { futureStart } from './start-time';
import { ExchangeResponse } from './exchange.mapper';
import {
  cancelUpdate,
  confirmUpdate,
  exchangeWorkflowId,
  ExchangeWorkflowState,
  ExchangeWorkflowStatus,
  OPEN_STATUSES,
  rescheduleUpdate,
} from './workflow/exchange-workflow.contract';

/**
 * Confirm, reschedule and cancel (and, through `update`, the minutes): each is a Temporal Update
 * on the exchange's workflow, which validates it against the workflow's own state and answers
 * once the change is in Postgres.
 * A rejected Update reaches the caller as a 409.
 */
@Injectable()
export class ExchangeTransitionsService {
  constructor(
    @Inject(TEMPORAL_CLIENT) private readonly temporal: Client,
    private readonly query: ExchangeQueryService,
  ) {}

  async confirm(id: string, dto: ConfirmExchangeDto, principal: Principal): Promise<ExchangeResponse> {
    await this.query.findActingFor(id, principal, dto.organization, { code: 'EXCHANGE.NOT_COORDINATOR', verb: 'confirm' });
    await this.update(id, confirmUpdate, {
      organization: dto.organization,
      actor: actorOf(principal),
    });
    return this.query.get(id, principal);
  }

  async reschedule(id: string, dto: RescheduleExchangeDto, principal: Principal): Promise<ExchangeResponse> {
    await this.query.findCoordinated(id, principal);
    const startsAt = futureStart(dto.startsAt);
    await this.update(id, rescheduleUpdate, {
      startsAt: startsAt.toISOString(),
      reason: dto.reason,
      actor: actorOf(principal),
      detach: true,
    });
    return this.query.get(id, principal);
  }

  async cancel(id: string, dto: CancelExchangeDto, principal: Principal): Promise<ExchangeResponse> {
    await this.query.findCoordinated(id, principal);
    await this.update(id, cancelUpdate, {
      reason: dto.reason,
      actor: actorOf(principal),
      detach: true,
    });
    return this.query.get(id, principal);
  }

  /**
   * Runs an Update on the exchange's workflow; a rejection is a 409 naming the state. A series
   * occurrence is visible as soon as its row commits and its workflow starts just after: an Update
   * that finds an open exchange without a workflow waits for it (up to WORKFLOW_START_WAIT_MS),
   * then answers 503 with Retry-After rather than a 409 that would say the exchange is closed.
   */
  async update<A>(id: string, definition: UpdateDefinition<ExchangeWorkflowState, [A]>, args: A): Promise<ExchangeWorkflowState> {
    for (let waited = 0; ; waited += WORKFLOW_START_POLL_MS) {
      try {
        return await this.temporal.workflow.getHandle(exchangeWorkflowId(id)).executeUpdate(definition, { args: [args] });
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
          throw DomainError.conflict(error.cause.type ?? 'EXCHANGE.REJECTED', error.cause.message);
        }
        if (!workflowEnded(error)) throw error;
        const status = await this.query.status(id);
        const notStartedYet = error instanceof WorkflowNotFoundError && OPEN_STATUSES.includes(status as ExchangeWorkflowStatus);
        if (!notStartedYet) {
          // The workflow has finished: the exchange was cancelled or has been held.
          throw DomainError.conflict('EXCHANGE.NOT_OPEN', `the exchange is ${status} and no longer open to changes`);
        }
        if (waited >= WORKFLOW_START_WAIT_MS) {
          throw DomainError.unavailable('EXCHANGE.STARTING', `the exchange is ${status} but its workflow has not started yet; try again`);
        }
        await new Promise((resolve) => setTimeout(resolve, WORKFLOW_START_POLL_MS));
      }
    }
  }
}

const WORKFLOW_START_WAIT_MS = 5_000;
const WORKFLOW_START_POLL_MS = 250;
