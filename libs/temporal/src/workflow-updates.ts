import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@liaison/common';
import { type ErrorCodeOf, isErrorCodeOf, type UpdateTable } from '@liaison/domain';
import { ApplicationFailure, Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { TEMPORAL_CLIENT } from './temporal-client.token';
import { workflowEnded } from './workflow-ended';

/** How long an Update waits for the workflow of an open row to start, and how often it looks. */
export const WORKFLOW_START_WAIT_MS = 5_000;
export const WORKFLOW_START_POLL_MS = 250;

/** The workflow an Update goes to, and the words its answers use. */
export interface UpdateTarget {
  workflowId: string;
  /** The 503 of an open row whose workflow has not started in time (`EXCHANGE.STARTING`). */
  starting: ErrorCodeOf<503>;
  /** What messages call it (`the exchange`). */
  noun: string;
  /** The code of a rejection that names none, or names no registered 409. */
  rejected: ErrorCodeOf<409>;
}

export interface UpdateOutcomes {
  /** How the row stands when the workflow is not there: open (its workflow should run) and its status. */
  standing(): Promise<{ open: boolean; status: string }>;
  /** The 409 for a workflow that has ended with its row (cancelled, held, ended, withdrawn…). */
  ended(status: string): DomainError;
  /** A rejection answered otherwise than as a 409 naming its code (none: always the 409). */
  refused?(type: string | undefined, message: string): DomainError | undefined;
}

/**
 * Runs an Update on a workflow, for every API service alike. The workflow validates it against
 * its own state and answers once the change is in Postgres; a rejection is a 409 with the
 * workflow's code (the target's `rejected` where it names no registered 409). A row is visible as
 * soon as it commits and its workflow starts just after (a series occurrence, the relay after a
 * lost start): an Update that finds an open row without a workflow waits for it (up to
 * WORKFLOW_START_WAIT_MS), then answers 503 (`starting`) with Retry-After rather than a 409 that
 * would say the row is closed.
 */
@Injectable()
export class WorkflowUpdates {
  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  async run<U extends UpdateTable, K extends keyof U & string>(
    target: UpdateTarget,
    name: K,
    args: U[K]['args'],
    outcomes: UpdateOutcomes,
  ): Promise<U[K]['result']> {
    for (let waited = 0; ; waited += WORKFLOW_START_POLL_MS) {
      try {
        return await this.temporal.workflow
          .getHandle(target.workflowId)
          .executeUpdate<U[K]['result'], [U[K]['args']]>(name, { args: [args] });
      } catch (error) {
        if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
          const { type, message } = error.cause;
          const code = type && isErrorCodeOf(type, 409) ? type : target.rejected;
          throw outcomes.refused?.(type ?? undefined, message) ?? DomainError.conflict(code, message);
        }
        if (!workflowEnded(error)) throw error;
        const { open, status } = await outcomes.standing();
        if (!(error instanceof WorkflowNotFoundError && open)) throw outcomes.ended(status);
        if (waited >= WORKFLOW_START_WAIT_MS) {
          throw DomainError.unavailable(target.starting, `${target.noun} is ${status} but its workflow has not started yet; try again`);
        }
        await new Promise((resolve) => setTimeout(resolve, WORKFLOW_START_POLL_MS));
      }
    }
  }
}
