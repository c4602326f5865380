import { ApiProperty, ApiPropertyOptions } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { SchemaObject } from '@nestjs/swagger';
import { RULE_SCHEMAS } from './validators';

/**
 * What class-validator checks, stated in the API document: validation is declared once, with the
 * class-validator decorators of each DTO, and this writes its constraints (types, enums, formats,
 * patterns, lengths, sizes, bounds, which properties are required) into the Swagger metadata that
 * `SwaggerModule.createDocument` reads — for bodies and for the query parameters a DTO spreads into.
 * `@ApiProperty` keeps only what validation cannot say: a description, an example, a default.
 *
 * class-validator-jsonschema reads the decorators (docs/decisions.md says why this library); the
 * custom rules of ./validators carry their own schema (RULE_SCHEMAS).
 */
export function describeValidation(): void {
  for (const target of validatedClasses()) {
    if (described.has(target)) continue;
    described.add(target);
    const schema = targetConstructorToSchema(target, { additionalConverters: RULE_CONVERTERS }) as SchemaObject;
    const required = new Set(schema.required ?? []);
    for (const [property, propertySchema] of Object.entries(schema.properties ?? {})) {
      ApiProperty(propertyOptions(propertySchema as SchemaObject, required.has(property)))(target.prototype as object, property);
    }
  }
}

const described = new WeakSet<object>();

/** Every class that has class-validator decorators (the DTOs and queries of every feature). */
function validatedClasses(): Array<new () => unknown> {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<unknown, unknown> };
  return [...storage.validationMetadatas.keys()].filter((target): target is new () => unknown => typeof target === 'function');
}

/** class-validator-jsonschema's converters for the custom rules: each rule's own schema, by the rule's name. */
const RULE_CONVERTERS: NonNullable<Parameters<typeof targetConstructorToSchema>[1]>['additionalConverters'] =
  Object.fromEntries(RULE_SCHEMAS);

/** The keywords validation decides; anything else (description, example) stays as `@ApiProperty` says. */
const CONSTRAINTS = [
  'type',
  'enum',
  // Not JSON Schema: Swagger's name for a shared enum, which it then writes once under components.schemas.
  'enumName',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
] as const;

/**
 * Swagger property options for one validated property; only whether it is required for a nested DTO,
 * whose own class is described on its own.
 */
export function propertyOptions(schema: SchemaObject, required: boolean): ApiPropertyOptions {
  const flat = flatten(schema);
  if (flat.$ref || (flat.type === 'object' && !flat.properties)) return { required };
  const options: Record<string, unknown> = { required };
  for (const keyword of CONSTRAINTS) if (flat[keyword] !== undefined) options[keyword] = flat[keyword];
  if (flat.type === 'array') {
    const items = flat.items ? flatten(flat.items as SchemaObject) : undefined;
    // A nested DTO's items keep the class Swagger already knows (its $ref); scalar items get their constraints.
    if (items && !items.$ref) options.items = pick(items);
    else delete options.type;
  }
  return options;
}

/** class-validator-jsonschema writes some properties as `allOf` of one fragment per decorator; one object is what Swagger takes. */
function flatten(schema: SchemaObject): SchemaObject & Record<string, unknown> {
  const parts = [schema, ...((schema.allOf ?? []) as SchemaObject[])];
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (key === 'allOf') continue;
      if (key === 'items' && merged.items) merged.items = { ...merged.items, ...(value as object) };
      else merged[key] = value;
    }
  }
  return merged;
}

function pick(schema: SchemaObject & Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(CONSTRAINTS.filter((keyword) => schema[keyword] !== undefined).map((keyword) => [keyword, schema[keyword]]));
}
