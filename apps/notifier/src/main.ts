import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { NotifierAppModule } from './notifier-app.module';

/** The notifier: BullMQ workers delivering reminders. On SIGTERM it finishes its active jobs, then exits. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.createApplicationContext(NotifierAppModule, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  app.get(Logger).log('notifier delivering reminders');
}

bootstrap().catch((error: unknown) => {
  process.stderr.write(`liaison notifier failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
