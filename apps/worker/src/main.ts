import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { onShutdownSignal, runProcess } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig, loadConfig } from '@liaison/config';
import { createLiaisonWorker, installWorkerRuntime } from '@liaison/workflows';
import { Logger } from 'nestjs-pino';
import { WorkerModule } from './worker.module';

/** The Temporal worker: runs workflows and their activities until SIGTERM/SIGINT, then drains. */
async function bootstrap(): Promise<void> {
  // The configuration first: a bad variable (a weak secret in production) stops the process with one message naming it.
  loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule, {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const config = app.get<LiaisonConfig>(LIAISON_CONFIG);
  installWorkerRuntime(config.monitoring.workerMetricsAddress);
  const { worker, connection } = await createLiaisonWorker(app, config);
  onShutdownSignal({
    logger,
    timeoutMs: config.shutdownTimeoutMs,
    draining: 'draining the worker',
    overdue: 'still draining',
    // Stops polling; the tasks in flight finish (the SDK cancels activities still running after its grace time).
    drain: () => worker.shutdown(),
  });
  logger.log(`workflow worker polling task queue ${config.temporal.taskQueue} on ${config.temporal.address}`);
  if (config.monitoring.workerMetricsAddress)
    logger.log(`Temporal SDK metrics on http://${config.monitoring.workerMetricsAddress}/metrics`);
  await worker.run();
  await connection.close();
  await app.close();
  logger.log('worker drained');
  process.exit(0);
}

runProcess(bootstrap, 'liaison worker failed');
