import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiPropertyOptions, getSchemaPath } from '@nestjs/swagger';

/**
 * A page of `model` (Page<T> of pagination.ts) as the document's 200: `items`, and `nextCursor`,
 * null on the last page.
 */
export function ApiPageResponse(model: Type<unknown>, description: string): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          nextCursor: { type: 'string', nullable: true, description: 'The cursor of the next page; null on the last one' },
        },
      },
    }),
  );
}

/**
 * Property options of the shapes responses repeat: an instant written with the offset of its zone,
 * and the same or null.
 */
export const INSTANT: ApiPropertyOptions = { type: String, format: 'date-time', description: 'An instant, with its UTC offset' };
export const INSTANT_OR_NULL: ApiPropertyOptions = { ...INSTANT, nullable: true };
