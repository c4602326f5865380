import type { OpenAPIObject, OperationObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

/** The methods a path item of OpenAPI 3.0 can hold, in the document's own order. */
export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type Method = (typeof METHODS)[number];

export interface Operation {
  path: string;
  method: Method;
  operation: OperationObject;
}

/** Every operation of the document, path by path. */
export function operationsOf(document: OpenAPIObject): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method]! })),
  );
}

/** The named schema a `$ref` points at (`#/components/schemas/<name>`), if the document has it. */
export function schemaOf(document: OpenAPIObject, schema: SchemaObject | ReferenceObject | undefined): SchemaObject | undefined {
  if (!schema || !('$ref' in schema)) return schema;
  const named = document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')];
  return named && !('$ref' in named) ? named : undefined;
}

/** The shared response a `$ref` points at (`#/components/responses/<name>`), or the response itself. */
export function responseOf(document: OpenAPIObject, response: ResponseObject | ReferenceObject | undefined): ResponseObject | undefined {
  if (!response || !('$ref' in response)) return response;
  return document.components?.responses?.[response.$ref.replace('#/components/responses/', '')] as ResponseObject | undefined;
}
