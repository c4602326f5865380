import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadConfig } from '@liaison/config';
import { ApiModule } from './api.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.create<NestExpressApplication>(ApiModule, {
    bufferLogs: true,
    bodyParser: false,
  });
  configureApp(app);
  await app.listen(config.port, '0.0.0.0');
  process.stdout.write(`liaison api listening on ${config.publicBaseUrl} (docs: ${config.publicBaseUrl}/docs)\n`);
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`liaison api failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
