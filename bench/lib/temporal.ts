import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { sleep } from './progress';

export const NAMESPACE = 'default';
const ADDRESS = '127.0.0.1:7233';

let shared: Promise<Client> | undefined;

/** One client of the local dev server for the bench's own checks (not for measured load). */
export function temporalClient(): Promise<Client> {
  shared ??= Connection.connect({ address: ADDRESS }).then((connection) => new Client({ connection, namespace: NAMESPACE }));
  return shared;
}

/** A separate connection, so that measured load does not share a channel with anything else. */
export async function newTemporalClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: ADDRESS });
  return { client: new Client({ connection, namespace: NAMESPACE }), close: () => connection.close() };
}

export async function closeTemporal(): Promise<void> {
  if (shared) await (await shared).connection.close();
  shared = undefined;
}

/** Workers polling the task queue for workflow tasks. */
export async function workflowPollers(client: Client, taskQueue: string): Promise<number> {
  const { pollers } = await client.workflowService.describeTaskQueue({
    namespace: NAMESPACE,
    taskQueue: { name: taskQueue },
    taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  });
  return pollers?.length ?? 0;
}

/**
 * Terminates every running workflow of a task queue with one batch operation, and waits (up to a
 * minute) until the server has done it.
 */
export async function terminateTaskQueue(client: Client, taskQueue: string): Promise<void> {
  const query = `TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Running'`;
  const { count } = await client.workflowService.countWorkflowExecutions({ namespace: NAMESPACE, query });
  if (Number(count ?? 0) === 0) return;
  const jobId = `bench-cleanup-${randomUUID()}`;
  await client.workflowService.startBatchOperation({
    namespace: NAMESPACE,
    jobId,
    visibilityQuery: query,
    reason: 'benchmark run over',
    terminationOperation: { identity: 'liaison-bench' },
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const { state } = await client.workflowService.describeBatchOperation({ namespace: NAMESPACE, jobId });
    if (state !== temporal.api.enums.v1.BatchOperationState.BATCH_OPERATION_STATE_RUNNING) return;
    await sleep(500);
  }
}
