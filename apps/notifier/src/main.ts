import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { onShutdownSignal, runProcess } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig, loadConfig } from '@liaison/config';
import { Logger } from 'nestjs-pino';
import { NotifierAppModule } from './notifier-app.module';

/**
 * The notifier: BullMQ workers delivering reminders and integrators' events (with the outbox relay). On SIGTERM/SIGINT it takes no new job, finishes
 * its active ones (the others wait in Redis for another notifier), then exits; SHUTDOWN_TIMEOUT
 * bounds the wait.
 */
async function bootstrap(): Promise<void> {
  // The configuration first: a bad variable (a weak secret in production) stops the process with one message naming it.
  loadConfig();
  const app = await NestFactory.createApplicationContext(NotifierAppModule, {
    bufferLogs: true,
  });
  const logger = app.get(Logger);
  app.useLogger(logger);
  const { shutdownTimeoutMs } = app.get<LiaisonConfig>(LIAISON_CONFIG);
  onShutdownSignal({
    logger,
    timeoutMs: shutdownTimeoutMs,
    draining: 'finishing the active jobs',
    overdue: 'jobs still active',
  });
  // Nest's hooks close the BullMQ worker (worker.close(): no new job, the active ones finish), then the pools.
  app.enableShutdownHooks();
  logger.log('notifier delivering reminders and events');
}

runProcess(bootstrap, 'liaison notifier failed');
