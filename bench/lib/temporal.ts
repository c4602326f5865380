import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { randomUUID } from 'node:crypto';
import { sleep } from './progress';

export const NAMESPACE = 'default';

/**
 * The address of the dev server of the run being measured: every bench run starts its own
 * (bench/lib/own-temporal.ts) and says so here, so that no client meets another run's server.
 */
let current: string | undefined;
const shared = new Map<string, Promise<Client>>();

export function useTemporal(address: string): void {
  current = address;
}

function currentAddress(): string {
  if (!current) throw new Error('no Temporal dev server of the bench is running (start a BenchStack or startBenchTemporal first)');
  return current;
}

/** One client of the run's dev server for the bench's own checks (not for measured load). */
export function temporalClient(address = currentAddress()): Promise<Client> {
  let client = shared.get(address);
  if (!client) {
    client = Connection.connect({ address }).then((connection) => new Client({ connection, namespace: NAMESPACE }));
    shared.set(address, client);
  }
  return client;
}

/** A separate connection, so that measured load does not share a channel with anything else. */
export async function newTemporalClient(): Promise<{ client: Client; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address: currentAddress() });
  return { client: new Client({ connection, namespace: NAMESPACE }), close: () => connection.close() };
}

/** Closes the clients of one server (before it stops), or of all. */
export async function closeTemporal(address?: string): Promise<void> {
  for (const [at, client] of [...shared.entries()]) {
    if (address !== undefined && at !== address) continue;
    shared.delete(at);
    await (await client.catch(() => null))?.connection.close();
  }
  if (address === undefined || address === current) current = undefined;
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
