import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { NestExpressApplication } from '@nestjs/platform-express';
import { onShutdownSignal, runProcess } from '@liaison/common';
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
  onShutdownSignal({
    logger: app.get(Logger),
    timeoutMs: config.shutdownTimeoutMs,
    draining: 'finishing the requests in flight',
    overdue: 'still draining',
  });
  await app.listen(config.port, '0.0.0.0');
  // The port it got, which is not PORT when PORT=0 (tests read it from this line).
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(`liaison api listening on port ${port}, reached at ${config.publicBaseUrl} (docs: ${config.publicBaseUrl}/docs)\n`);
}

runProcess(bootstrap, 'liaison api failed to start', (error) => (error instanceof Error ? error.message : String(error)));
