import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, SecurityRequirementObject } from '@nestjs/swagger';
import { describeValidation } from '@liaison/common';
import { completeErrors, ERROR_SCHEMA, sharedErrorResponses } from './error-responses';
import { RouteFacts, routeFacts } from './route-facts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The security schemes, by the name operations use for them. */
const SECURITY_SCHEMES = {
  bearer: { type: 'http', scheme: 'bearer', description: "A person's API token (POST /v1/people/{id}/tokens)" },
  adminToken: { type: 'http', scheme: 'bearer', description: "The deployment's ADMIN_TOKEN: an admin that is not a person" },
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
 */
export function createApiDocument(app: INestApplication): OpenAPIObject {
  describeValidation();
  const builder = new DocumentBuilder()
    .setTitle('Liaison API')
    .setDescription(
      'Scheduling and follow-up of exchanges between international secretariats. ' +
        'No string field takes U+0000 and no field takes null (leave it out instead); errors share one shape (`Error`).',
    )
    .setVersion('1');
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) builder.addSecurity(name, { ...scheme });
  const document = SwaggerModule.createDocument(app, builder.build());
  const facts = routeFacts(app);
  for (const pathItem of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      const fact = operation.operationId ? facts.get(operation.operationId) : undefined;
      operation.security = securityOf(operation, fact);
      markUuidParameters(operation, fact);
      completeErrors(method, operation, fact);
    }
  }
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, Error: ERROR_SCHEMA },
    responses: sharedErrorResponses(),
  };
  return document;
}

/**
 * Who may call: nothing for a public route (or the feed token, where the route names it), an
 * admin's credentials for an admin route, else a person's token or the admin token.
 */
function securityOf(operation: OperationObject, fact: RouteFacts | undefined): SecurityRequirementObject[] {
  const named = (operation.security ?? []).filter((requirement) => 'feedToken' in requirement);
  if (fact?.public) return named;
  if (fact && fact.roles.length === 1 && fact.roles[0] === 'admin') return [{ adminToken: [] }, { bearer: [] }];
  return [{ bearer: [] }, { adminToken: [] }];
}

function markUuidParameters(operation: OperationObject, fact: RouteFacts | undefined): void {
  for (const parameter of (operation.parameters ?? []) as ParameterObject[]) {
    if (parameter.in === 'path' && fact?.uuidParams.includes(parameter.name)) parameter.schema = { type: 'string', format: 'uuid' };
  }
}
