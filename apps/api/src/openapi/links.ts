import type { LinkObject, OpenAPIObject, ReferenceObject, ResponseObject } from '@nestjs/swagger';
import { Operation, operationsOf, schemaOf } from './operations';

/**
 * OpenAPI links, derived from the paths so that no route needs naming: a create (`POST C` answering
 * 201 with a resource) links to every operation under `C/{x}`, `x` taken from the resource's field of
 * that name, or its `id`, and the create's own path parameters passed on. Every answer that is the
 * same resource (a read, a confirm, a reschedule…: a 200 under `C/{x}`) carries the same links, so a client — and
 * Schemathesis' stateful phase — can follow create → read → confirm → reschedule → cancel, or create
 * a support request → its steps, without building a URL.
 */
export function linkResources(document: OpenAPIObject): void {
  const operations = operationsOf(document);
  for (const create of operations) {
    const resource = create.method === 'post' ? refOf(create.operation.responses['201']) : undefined;
    if (!resource) continue;
    const links = linksFrom(create.path, fieldsOf(document, resource), operations);
    if (Object.keys(links).length === 0) continue;
    (create.operation.responses['201'] as ResponseObject).links = links;
    for (const answer of operations) {
      if (!answer.path.startsWith(`${create.path}/{`)) continue;
      // A 200 under C/{x} is the resource again (a read, an action on it); a 201 there made another one.
      const response = answer.operation.responses['200'];
      if (refOf(response) === resource) (response as ResponseObject).links = links;
    }
  }
}

function linksFrom(collection: string, fields: string[], operations: Operation[]): Record<string, LinkObject> {
  const links: Record<string, LinkObject> = {};
  for (const target of operations) {
    if (!target.path.startsWith(`${collection}/`) || !target.operation.operationId) continue;
    const parameter = /^\{([^}]+)\}(\/|$)/.exec(target.path.slice(collection.length + 1))?.[1];
    const field = parameter && (fields.includes(parameter) ? parameter : fields.includes('id') ? 'id' : undefined);
    if (!parameter || !field) continue;
    const parameters: Record<string, string> = { [parameter]: `$response.body#/${field}` };
    for (const [, inherited] of collection.matchAll(/\{([^}]+)\}/g)) parameters[inherited] = `$request.path.${inherited}`;
    links[target.operation.operationId] = { operationId: target.operation.operationId, parameters };
  }
  return links;
}

/** The component a response's JSON body refers to, if it is one. */
function refOf(response: ResponseObject | ReferenceObject | undefined): string | undefined {
  if (!response || '$ref' in response) return undefined;
  const schema = response.content?.['application/json']?.schema;
  return schema && '$ref' in schema ? schema.$ref : undefined;
}

function fieldsOf(document: OpenAPIObject, ref: string): string[] {
  return Object.keys(schemaOf(document, { $ref: ref })?.properties ?? {});
}
