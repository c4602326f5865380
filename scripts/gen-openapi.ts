import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import { writeOrCheck } from './generated-file';
import { ApiModule } from '../apps/api/src/api.module';
import { enableApiVersioning } from '../apps/api/src/configure-app';
import { createApiDocument } from '../apps/api/src/openapi/api-document';

/**
 * docs/openapi.json, the API's OpenAPI document, from the code (apps/api/src/openapi):
 *   npm run docs:openapi                                       writes it
 *   node -r @swc-node/register scripts/gen-openapi.ts --check  exits 1 if it differs (npm run docs:check)
 * The API module is read in Nest's preview mode: its routes and metadata, no provider made, so no
 * configuration, database or Temporal is needed.
 */
const TARGET = join(__dirname, '..', 'docs', 'openapi.json');

async function main(): Promise<void> {
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false, abortOnError: false });
  enableApiVersioning(app);
  const document = `${JSON.stringify(createApiDocument(app), null, 2)}\n`;
  await app.close();
  writeOrCheck(TARGET, document, { source: 'what the code gives', command: 'npm run docs:openapi' });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
