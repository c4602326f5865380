import { WorkflowNotFoundError } from '@temporalio/client';

/**
 * Whether a client call failed because the workflow is no longer there to answer: it has completed
 * (an exchange closed or cancelled, a request finished, a series ended) or was never started. The
 * caller then says so from Postgres, as a 409, rather than passing a server error on.
 */
export function workflowEnded(error: unknown): boolean {
  return error instanceof WorkflowNotFoundError || (error instanceof Error && /not found|already completed/i.test(error.message));
}
