import { Client, WorkflowExecutionAlreadyStartedError, WorkflowStartOptions } from '@temporalio/client';
import { WorkflowIdReusePolicy } from '@temporalio/common';

/**
 * A kind of row the API commits first and starts the workflow of after (exchanges, series, support
 * requests; action items, whose exchange's workflow is signalled-with-start). The API's workflow
 * start relay asks each kind for the rows whose start was lost (the API process died between the
 * two) and starts them through the same code as the create.
 */
export interface WorkflowStarts {
  /** For logs: exchange, series, support-request. */
  readonly kind: string;
  /** Rows committed more than `graceMs` ago whose workflow is not known to have started, oldest first, at most `limit`. */
  unstarted(graceMs: number, limit: number): Promise<string[]>;
  /**
   * Starts the workflow of that committed row, unless it has started already, and marks the row
   * started. True when this call started it; false when it had started, or the row is gone.
   */
  startCommitted(id: string): Promise<boolean>;
}

/**
 * Starts a row's first workflow run. Any run with its id, open or closed, means the start happened
 * already (an earlier attempt, the relay): refused as a duplicate, it is not started again, so a
 * finished workflow never restarts from its creation input. Returns false in that case.
 */
export async function startFirstRun(client: Client, workflowType: string, options: WorkflowStartOptions): Promise<boolean> {
  try {
    await client.workflow.start(workflowType, { ...options, workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE });
    return true;
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return false;
    throw error;
  }
}
