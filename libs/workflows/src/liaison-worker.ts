import type { INestApplicationContext } from '@nestjs/common';
import type { LiaisonConfig } from '@liaison/config';
import { ExchangeActivities } from '@liaison/exchanges';
import { temporalConnectionOptions } from '@liaison/temporal';
import { NativeConnection, Worker, WorkerOptions } from '@temporalio/worker';
import { WORKFLOWS_PATH } from './workflows-path';

/** Methods of an activities provider, bound to it, as the plain object the worker wants. */
function bindActivities(provider: object): Record<string, (...args: never[]) => unknown> {
  const prototype = Object.getPrototypeOf(provider) as Record<string, unknown>;
  return Object.fromEntries(
    Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor' && typeof prototype[name] === 'function' && !name.startsWith('_'))
      .map((name) => [name, (prototype[name] as (...args: never[]) => unknown).bind(provider)]),
  );
}

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
    ...(options.workflowBundle ? { workflowBundle: options.workflowBundle } : { workflowsPath: WORKFLOWS_PATH }),
    activities: { ...bindActivities(app.get(ExchangeActivities)) },
    ...(options.identity ? { identity: options.identity } : {}),
    shutdownGraceTime: '20 seconds',
  });
  return { worker, connection };
}
