import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { createApiDocument } from '../../apps/api/src/openapi/api-document';
import { listedCodes } from '../../apps/api/src/openapi/error-responses';
import { responseOf } from '../../apps/api/src/openapi/operations';

/**
 * Holds the test stack's API to its own document: an error answer (4xx) of a route whose status the
 * operation does not document, or whose `code` the operation does not list under that status, is
 * turned into a 500 naming the gap. So every e2e test that meets a refusal checks the document too,
 * and Schemathesis (which fails on any 500) with it. Answers of routes the document leaves out (the
 * admin page, the fallback route behind the 404 and the 405) are left as they are.
 */
export function holdErrorsToDocument(app: INestApplication): void {
  let document: OpenAPIObject | undefined;
  app.use((request: Request, response: Response, next: NextFunction) => {
    const json = response.json.bind(response);
    response.json = (body: unknown) => {
      const code = (body as { code?: unknown } | null)?.code;
      const route = (request.route as { path?: unknown } | undefined)?.path;
      if (response.statusCode >= 400 && response.statusCode < 500 && typeof route === 'string') {
        document ??= createApiDocument(app);
        const gap = gapOf(document, request.method, route, response.statusCode, typeof code === 'string' ? code : undefined);
        if (gap) {
          response.status(500);
          return json({ statusCode: 500, error: 'Internal Server Error', message: `the API document does not say this: ${gap}` });
        }
      }
      return json(body);
    };
    next();
  });
}

/** What the document lacks to describe this answer, or undefined. */
export function gapOf(
  document: OpenAPIObject,
  method: string,
  route: string,
  status: number,
  code: string | undefined,
): string | undefined {
  const path = route.replace(/:(\w+)/g, '{$1}');
  const operation = document.paths[path]?.[method.toLowerCase() as 'get'];
  const where = `${method} ${path}`;
  // A 405 is the answer of the path asked (`PATCH /v1/series/preview`), whichever route's template
  // took it (`PATCH /v1/series/{id}`): the document lists it by the path's methods (the Allow header).
  if (status === 405) return undefined;
  // A route the document leaves out (the admin page, the fallback that answers 405 or 404): not held.
  if (!operation) return undefined;
  const response = operation.responses[String(status)];
  if (!responseOf(document, response)) return `${where} answered ${status}, which its operation does not list`;
  if (code === undefined) return undefined;
  const codes = listedCodes(document, response);
  if (!codes.includes(code))
    return `${where} answered ${status} with code ${code}, which its operation does not list (it lists ${codes.join(', ') || 'none'})`;
  return undefined;
}
