import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, SecurityRequirementObject } from '@nestjs/swagger';
import { describeValidation, ErrorResponse } from '@liaison/common';
import { completeErrors, sharedErrorResponses } from './error-responses';
import { linkResources } from './links';
import { asOpenApi31 } from './openapi-31';
import { documentWebhooks } from './webhooks';
import { operationsOf, schemaOf } from './operations';
import { documentRateLimitHeaders, rateLimitHeaderComponents } from './rate-limit-headers';
import { RouteFacts, routeFacts } from './route-facts';

/** The security schemes, by the name operations use for them. */
const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', description: "A person's API token (POST /v1/people/{id}/tokens)" },
  adminToken: { type: 'http', scheme: 'bearer', description: "The deployment's ADMIN_TOKEN: an admin that is not a person" },
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'liaison_session',
    description:
      "The web app's session (POST /v1/auth/sessions). A POST, PUT, PATCH or DELETE signed in by it must also send the session's CSRF token as `X-CSRF-Token`, from the API's own Origin",
  },
  feedToken: {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description: "The token of a person's calendar feed address (GET /v1/me/calendar)",
  },
} as const;

/**
 * The API's OpenAPI document, from the code alone: Swagger's scan of the controllers, the
 * constraints of class-validator (describeValidation), and what each route's own metadata says
 * (who may call it, which parameters are UUIDs), completed with every error status an operation can
 * answer. `/docs` serves it; `npm run docs:openapi` writes it to docs/openapi.json, which CI checks.
 * Made once per app (its routes are fixed by then): configureApp and the test stack's check share it.
 */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  let document = DOCUMENTS.get(app);
  if (!document) DOCUMENTS.set(app, (document = buildApiDocument(app)));
  return document;
}

const DOCUMENTS = new WeakMap<INestApplication, OpenAPIObject>();

function buildApiDocument(app: INestApplication): OpenAPIObject {
  describeValidation();
  const builder = new DocumentBuilder()
    .setTitle('Liaison API')
    .setDescription(
      'Scheduling and follow-up of exchanges between international secretariats. ' +
        'No string field takes U+0000 and no field takes null (leave it out instead); errors share one shape (`Error`).',
    )
    .setVersion('1');
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) builder.addSecurity(name, { ...scheme });
  const document = SwaggerModule.createDocument(app, builder.build(), { extraModels: [ErrorResponse] });
  const facts = routeFacts(app);
  for (const { method, operation } of operationsOf(document)) {
    const fact = operation.operationId ? facts.get(operation.operationId) : undefined;
    operation.security = securityOf(operation, fact);
    markUuidParameters(operation, fact);
    completeErrors(method, operation, fact);
  }
  linkResources(document);
  // Validation refuses fields a body does not declare (forbidNonWhitelisted), nested ones too: so do their schemas.
  const schemas = document.components?.schemas ?? {};
  // A body with no required field may be left out: the request is then the empty object.
  for (const { operation } of operationsOf(document)) {
    const body = operation.requestBody;
    if (!body || '$ref' in body) continue;
    const schema = schemaOf(document, body.content?.['application/json']?.schema);
    if (schema && !schema.required?.length) body.required = false;
  }
  for (const name of requestSchemaNames(document)) {
    const schema = schemas[name];
    if (schema && !('$ref' in schema)) schema.additionalProperties = false;
  }
  document.components = {
    ...document.components,
    schemas,
    responses: sharedErrorResponses(),
    headers: rateLimitHeaderComponents(),
  };
  documentRateLimitHeaders(document, (id) => (id ? facts.get(id) : undefined));
  // The events a subscription receives (`webhooks`, which needs OpenAPI 3.1).
  return asOpenApi31(documentWebhooks(document));
}

/**
 * Who may call: nothing for a public route (or the feed token, where the route names it), a
 * person's token or session for a person's own route, an admin's credentials for an admin route,
 * else a person's token or session, or the admin token.
 */
function securityOf(operation: OperationObject, fact: RouteFacts | undefined): SecurityRequirementObject[] {
  const named = (operation.security ?? []).filter((requirement) => 'feedToken' in requirement);
  if (fact?.public) return named;
  if (fact?.personOnly) return [{ bearer: [] }, { session: [] }];
  if (fact && fact.roles.length === 1 && fact.roles[0] === 'admin') return [{ adminToken: [] }, { bearer: [] }, { session: [] }];
  return [{ bearer: [] }, { session: [] }, { adminToken: [] }];
}

function markUuidParameters(operation: OperationObject, fact: RouteFacts | undefined): void {
  for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
    if (parameter.in === 'path' && fact?.uuidParams.includes(parameter.name)) parameter.schema = { type: 'string', format: 'uuid' };
  }
}

/** The schemas request bodies use, and the schemas those refer to, by name. */
function requestSchemaNames(document: OpenAPIObject): Set<string> {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (!value || typeof value !== 'object') return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/components/schemas/')) {
        const name = inner.slice('#/components/schemas/'.length);
        if (!names.has(name)) {
          names.add(name);
          visit(document.components?.schemas?.[name]);
        }
      } else visit(inner);
    }
  };
  for (const { operation } of operationsOf(document)) visit(operation.requestBody);
  return names;
}
