import type { INestApplicationContext } from '@nestjs/common';
import type { LiaisonConfig } from '@liaison/config';
import { temporalConnectionOptions } from '@liaison/temporal';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { workflowBundlerOptions } from './bundler-options';
import { workerActivities } from './worker-activities.module';
import { missingRowsFailFast } from './missing-rows.interceptor';
import { WORKFLOWS_PATH } from './workflows-path';

/**
 * Creates the Temporal worker with the activities taken from the Nest context. Tests pass a
 * prebuilt `workflowBundle`; processes pass nothing and the worker bundles `WORKFLOWS_PATH`.
 */
export async function createLiaisonWorker(
  app: INestApplicationContext,
  config: LiaisonConfig,
  options: Partial<Pick<WorkerOptions, 'workflowBundle' | 'identity'>> = {},
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const { namespace, taskQueue } = config.temporal;
  const connection = await NativeConnection.connect(temporalConnectionOptions(config));
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue,
    ...(options.workflowBundle
      ? { workflowBundle: options.workflowBundle }
      : { workflowsPath: WORKFLOWS_PATH, bundlerOptions: workflowBundlerOptions() }),
    activities: workerActivities(app),
    interceptors: { activity: [missingRowsFailFast] },
    ...(options.identity ? { identity: options.identity } : {}),
    // Each cached exchange workflow holds its own isolate context (~0.4 MiB): the bound keeps the
    // worker's memory flat however many workflows run; a workflow out of the cache is replayed.
    maxCachedWorkflows: config.temporal.maxCachedWorkflows,
    // On SIGTERM, activities still running this long are cancelled; the margin leaves the worker
    // time to report them before SHUTDOWN_TIMEOUT ends the process.
    shutdownGraceTime: Math.max(1000, config.shutdownTimeoutMs - 2000),
  });
  return { worker, connection };
}
