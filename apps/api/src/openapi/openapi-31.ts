import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

/**
 * The document as OpenAPI 3.1, which its `webhooks` section needs: Swagger writes 3.0's
 * `nullable: true`, which 3.1 (plain JSON Schema) no longer knows. Each becomes the 3.1 form: a
 * `null` type beside the schema's own (and `null` among its `enum`), or, for a reference
 * (`allOf: [$ref]`), `anyOf` the reference or null.
 */
export function asOpenApi31(document: OpenAPIObject): OpenAPIObject {
  const converted = convert(document) as OpenAPIObject;
  return { ...converted, openapi: '3.1.0' };
}

function convert(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(convert);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value as Schema).map(([key, inner]) => [key, convert(inner)] as const);
  const schema: Schema = Object.fromEntries(entries);
  return schema.nullable === true ? withoutNullable(schema) : schema;
}

export function withoutNullable(schema: Schema): Schema {
  const { nullable: _nullable, ...rest } = schema;
  if (Array.isArray(rest.allOf)) {
    const { allOf, type: _type, ...outer } = rest;
    return { ...outer, anyOf: [...(allOf as Schema[]), { type: 'null' }] };
  }
  if (typeof rest.type !== 'string') return { anyOf: [rest, { type: 'null' }] };
  return { ...rest, type: [rest.type, 'null'], ...(Array.isArray(rest.enum) ? { enum: [...(rest.enum as unknown[]), null] } : {}) };
}
