import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, LIAISON_CONFIG, LiaisonConfig, loadConfig } from '@liaison/config';
import { Logger } from 'nestjs-pino';
import { NotifierAppModule } from './notifier-app.module';

/**
 * The notifier: BullMQ workers delivering reminders. On SIGTERM/SIGINT it takes no new job, finishes
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
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: finishing the active jobs (at most ${shutdownTimeoutMs} ms)`);
      setTimeout(() => {
        logger.error(`${signal}: jobs still active after SHUTDOWN_TIMEOUT (${shutdownTimeoutMs} ms); exiting anyway`);
        process.exit(1);
      }, shutdownTimeoutMs).unref();
    });
  }
  // Nest's hooks close the BullMQ worker (worker.close(): no new job, the active ones finish), then the pools.
  app.enableShutdownHooks();
  logger.log('notifier delivering reminders');
}

bootstrap().catch((error: unknown) => {
  const detail = error instanceof ConfigError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`liaison notifier failed: ${detail}\n`);
  process.exit(1);
});
