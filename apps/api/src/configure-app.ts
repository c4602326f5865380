import { INestApplication, VersioningType } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import { mountQueueBoard } from '@liaison/monitoring';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ApiErrorFilter } from './errors/api-error.filter';
import { AllowedMethods } from './openapi/allowed-methods';
import { createApiDocument } from './openapi/api-document';
import { serveWeb } from './web/serve-web';

/** The production HTTP pipeline; main.ts and every e2e test go through this one function. */
export function configureApp(app: INestApplication): INestApplication {
  const express = app as NestExpressApplication;
  const { corsOrigins, trustProxy } = app.get<LiaisonConfig>(LIAISON_CONFIG);
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('query parser', 'extended');
  // The client's address (req.ip: the per-address rate limit, the logs) is the socket's peer unless
  // TRUST_PROXY names the reverse proxies that may state it in X-Forwarded-For.
  express.set('trust proxy', trustProxy);
  // helmet and CORS before the body parser, so that a body it refuses (413, bad JSON) gets their headers too.
  app.use(helmet({ contentSecurityPolicy: false }));
  // CORS stays off (no Access-Control-* headers) unless CORS_ORIGINS names the browser origins allowed.
  if (corsOrigins.length > 0)
    app.enableCors({ origin: corsOrigins, allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id'] });
  // The web app (dist/web) at `/`, outside /v1, /docs, /admin, /health and /metrics, which stay the API's.
  serveWeb(app);
  express.useBodyParser('json', { limit: '1mb' });
  enableApiVersioning(app);
  app.useGlobalPipes(createValidationPipe());
  const document = createApiDocument(app);
  // The shared error shape; a lost database connection is a 503 with Retry-After, not a 500; a
  // documented path asked with a method it does not have is a 405 with Allow.
  app.useGlobalFilters(new ApiErrorFilter(new AllowedMethods(document)));
  app.enableShutdownHooks();
  mountQueueBoard(app);

  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
  });
  return app;
}

/** Routes carry their version in the path (`/v1/...`); the document generator routes the same way. */
export function enableApiVersioning(app: INestApplication): void {
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: undefined });
}
