import type { OpenAPIObject } from '@nestjs/swagger';
import { asOpenApi31 } from './openapi-31';

describe('asOpenApi31', () => {
  it('writes each nullable schema in 3.1 form: a null type, null among an enum, a reference or null', () => {
    const document = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: {
          A: {
            type: 'object',
            properties: {
              text: { type: 'string', nullable: true, description: 'd' },
              status: { type: 'string', enum: ['a', 'b'], nullable: true },
              ref: { nullable: true, description: 'r', type: 'object', allOf: [{ $ref: '#/components/schemas/B' }] },
              plain: { type: 'integer' },
            },
          },
        },
      },
    } as unknown as OpenAPIObject;
    const converted = asOpenApi31(document);
    expect(converted.openapi).toBe('3.1.0');
    expect(converted.components!.schemas!.A).toEqual({
      type: 'object',
      properties: {
        text: { type: ['string', 'null'], description: 'd' },
        status: { type: ['string', 'null'], enum: ['a', 'b', null] },
        ref: { description: 'r', anyOf: [{ $ref: '#/components/schemas/B' }, { type: 'null' }] },
        plain: { type: 'integer' },
      },
    });
    expect(JSON.stringify(converted)).not.toContain('nullable');
  });
});
