import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { join } from 'node:path';
import * as prettier from 'prettier';
import { errorsPage } from './errors-page';
import { writeOrCheck } from './generated-file';
import { ApiModule } from '../apps/api/src/api.module';
import { enableApiVersioning } from '../apps/api/src/configure-app';
import { createApiDocument } from '../apps/api/src/openapi/api-document';

/**
 * docs/openapi.json, the API's OpenAPI document, from the code (apps/api/src/openapi), and
 * docs/errors.md, its error codes the other way round (scripts/errors-page.ts):
 *   npm run docs:openapi                                       writes it
 *   node -r @swc-node/register scripts/gen-openapi.ts --check  exits 1 if it differs (npm run docs:check)
 * The API module is read in Nest's preview mode: its routes and metadata, no provider made, so no
 * configuration, database or Temporal is needed.
 */
const TARGET = join(__dirname, '..', 'docs', 'openapi.json');

async function main(): Promise<void> {
  const app = await NestFactory.create(ApiModule, { preview: true, logger: false, abortOnError: false });
  enableApiVersioning(app);
  const document = createApiDocument(app);
  await app.close();
  const how = { source: 'what the code gives', command: 'npm run docs:openapi' };
  writeOrCheck(TARGET, `${JSON.stringify(document, null, 2)}\n`, how);
  const errors = join(__dirname, '..', 'docs', 'errors.md');
  const options = (await prettier.resolveConfig(errors)) ?? {};
  writeOrCheck(errors, await prettier.format(errorsPage(document), { ...options, filepath: errors }), how);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
