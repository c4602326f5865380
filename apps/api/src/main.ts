import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@liaison/config';
import { Logger } from 'nestjs-pino';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

/**
 * The HTTP API. On SIGTERM/SIGINT (configureApp turns on Nest's shutdown hooks) it stops accepting
 * connections, finishes the requests in flight and closes its pools; SHUTDOWN_TIMEOUT bounds that.
 */
async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  boundShutdown(app.get(Logger), config.shutdownTimeoutMs);
  await app.listen(config.port, '0.0.0.0');
  process.stdout.write(`liaison api listening on ${config.publicBaseUrl} (docs: ${config.publicBaseUrl}/docs)\n`);
}

/** After SIGTERM/SIGINT, the drain may take `timeoutMs`; then the process exits anyway, with status 1. */
function boundShutdown(logger: Logger, timeoutMs: number): void {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.log(`${signal}: finishing the requests in flight (at most ${timeoutMs} ms)`);
      setTimeout(() => {
        logger.error(`${signal}: still draining after SHUTDOWN_TIMEOUT (${timeoutMs} ms); exiting anyway`);
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`liaison api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
