import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject, OperationObject, ResponseObject, SchemaObject } from '@nestjs/swagger';
import { ApiModule } from '../api.module';
import { enableApiVersioning } from '../configure-app';
import { AllowedMethods } from './allowed-methods';
import { createApiDocument } from './api-document';
import { listedCodes } from './error-responses';
import { operationsOf, responseOf } from './operations';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

describe('the API document', () => {
  let app: INestApplication;
  let document: OpenAPIObject;
  let operations: Array<{ path: string; method: string; operation: OperationObject }>;

  beforeAll(async () => {
    app = await NestFactory.create(ApiModule, { preview: true, logger: false, abortOnError: false });
    enableApiVersioning(app);
    document = createApiDocument(app);
    operations = operationsOf(document);
  });
  afterAll(async () => app.close());

  const schema = (name: string) => document.components!.schemas![name] as SchemaObject;
  const property = (name: string, field: string) => schema(name).properties![field] as SchemaObject;
  const parameter = (path: string, method: 'get', name: string) =>
    (document.paths[path][method]!.parameters as Array<{ name: string; schema: SchemaObject }>).find((p) => p.name === name)!.schema;

  it('states the constraints class-validator holds, in bodies and in query parameters', () => {
    expect(schema('CreateExchangeDto').required).toEqual([
      'title',
      'level',
      'areas',
      'organizations',
      'hostOrganization',
      'startsAt',
      'durationMinutes',
      'timezone',
      'participantIds',
    ]);
    expect(property('CreateExchangeDto', 'title')).toMatchObject({ type: 'string', minLength: 1, maxLength: 300 });
    expect(property('CreateExchangeDto', 'durationMinutes')).toMatchObject({ type: 'integer', minimum: 1, maximum: 1440 });
    expect(property('CreateExchangeDto', 'areas')).toMatchObject({
      type: 'array',
      minItems: 1,
      maxItems: 50,
      uniqueItems: true,
      items: { type: 'string', maxLength: 40 },
    });
    expect(property('CreateExchangeDto', 'level')).toMatchObject({ type: 'string', enum: ['senior', 'working'] });
    expect(property('CreateExchangeDto', 'startsAt')).toMatchObject({ type: 'string', format: 'date-time' });
    expect(property('CreateExchangeDto', 'confirmationDeadline')).toMatchObject({ type: 'string', format: 'duration' });
    expect(parameter('/v1/exchanges', 'get', 'from')).toMatchObject({ type: 'string', format: 'date-time' });
    expect(parameter('/v1/exchanges', 'get', 'limit')).toMatchObject({ type: 'integer', minimum: 1, maximum: 200 });
  });

  it('writes each custom rule as its own schema: the pattern takes what the rule takes', () => {
    const instant = new RegExp(property('CreateExchangeDto', 'startsAt').pattern!);
    expect(['2027-03-09T10:00:00+01:00', '2027-03-09T10:00Z', '2027-03-09T10:00:00.123456789-14:00'].map((v) => instant.test(v))).toEqual([
      true,
      true,
      true,
    ]);
    expect(['2027-03-09T10:00:00', '1899-12-31T23:59:59Z', '2027-03-09T10:00:00+15:00'].map((v) => instant.test(v))).toEqual([
      false,
      false,
      false,
    ]);
    const duration = new RegExp(property('CreateExchangeDto', 'confirmationDeadline').pattern!);
    expect(['P7D', 'PT1H', 'P1Y2M3W4DT5H6M7.5S'].map((v) => duration.test(v))).toEqual([true, true, true]);
    expect(['P', 'PT', 'P0D', 'PT0S', '7D', 'P1H'].map((v) => duration.test(v))).toEqual([false, false, false, false, false, false]);
    expect(schema('TimeZone')).toMatchObject({ type: 'string' });
    expect(schema('TimeZone').enum).toEqual(expect.arrayContaining(['UTC', 'Europe/Brussels', 'America/New_York']));
  });

  it('says who may call each operation', () => {
    const security = (path: string, method: Method) => document.paths[path][method]!.security;
    expect(security('/health/live', 'get')).toEqual([]);
    expect(security('/v1/calendar/{personId}.ics', 'get')).toEqual([{ feedToken: [] }]);
    expect(security('/v1/admin/workflows', 'get')).toEqual([{ adminToken: [] }, { bearer: [] }, { session: [] }]);
    expect(security('/v1/exchanges', 'post')).toEqual([{ bearer: [] }, { session: [] }, { adminToken: [] }]);
    expect(security('/v1/me', 'get')).toEqual([{ bearer: [] }, { session: [] }]);
    expect(Object.keys(document.components!.securitySchemes!).sort()).toEqual(['adminToken', 'bearer', 'feedToken', 'session']);
    expect(operations.filter(({ operation }) => operation.security === undefined)).toEqual([]);
  });

  it('documents the error statuses every operation can answer, each with the error schema', () => {
    const statuses = (path: string, method: Method) => Object.keys(document.paths[path][method]!.responses).sort();
    expect(statuses('/health/live', 'get')).toEqual(['200', '400', '429', '503']);
    expect(statuses('/v1/exchanges/{id}/confirm', 'post')).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '413',
      '415',
      '422',
      '429',
      '503',
    ]);
    expect(statuses('/v1/me', 'get')).toEqual(['200', '400', '401', '403', '429', '503']);
    const shared = document.components!.responses as Record<string, ResponseObject>;
    for (const { path, method, operation } of operations) {
      for (const [status, response] of Object.entries(operation.responses as Record<string, ResponseObject | { $ref: string }>)) {
        // Terminus' own answer when a dependency is down: its details, not the error shape.
        if (Number(status) < 400 || (path === '/health/ready' && status === '503')) continue;
        const resolved = '$ref' in response ? shared[response.$ref.split('/').pop()!] : response;
        const schema = resolved?.content?.['application/json']?.schema as SchemaObject & { $ref?: string };
        expect({ path, method, status, error: schema?.allOf?.[0] ?? schema }).toEqual({
          path,
          method,
          status,
          error: expect.objectContaining({ $ref: '#/components/schemas/Error' }) as unknown,
        });
      }
    }
    expect((shared.Status429.headers as Record<string, unknown>)['Retry-After']).toBeDefined();
  });

  it("lists each operation's codes under their status, with what each means", () => {
    const codes = (path: string, method: Method, status: string) => {
      const response = document.paths[path][method]!.responses[status];
      return { codes: listedCodes(document, response), description: responseOf(document, response)!.description };
    };
    // The route's own (@Refuses): the exchange's state, under 409; its absence under 404.
    expect(codes('/v1/exchanges/{id}/confirm', 'post', '409').codes).toEqual(
      expect.arrayContaining(['EXCHANGE.ALREADY_CONFIRMED', 'EXCHANGE.NOT_OPEN', 'IDEMPOTENCY.IN_PROGRESS']),
    );
    expect(codes('/v1/exchanges/{id}', 'get', '404').codes).toEqual(['EXCHANGE.NOT_FOUND']);
    expect(codes('/v1/exchanges/{id}', 'get', '404').description).toContain('- `EXCHANGE.NOT_FOUND`: ');
    // What the document knows of the route: its roles, a person's own route, a cursor.
    expect(codes('/v1/admin/reminders', 'get', '403').codes).toEqual(['ACCESS.ROLE_REQUIRED']);
    expect(codes('/v1/me', 'get', '403').codes).toEqual(['ME.NOT_A_PERSON']);
    expect(codes('/v1/exchanges', 'get', '422').codes).toEqual(['PAGINATION.BAD_CURSOR']);
    // The same everywhere: the shared response.
    expect(codes('/v1/me', 'get', '503').codes).toEqual(['DATABASE.UNAVAILABLE', 'TEMPORAL.UNAVAILABLE']);
    expect(document.paths['/v1/me'].get!.responses['503']).toEqual({ $ref: '#/components/responses/Status503' });
  });

  it('documents the rate-limit counts on every answer: per address, and per token where a token is taken', () => {
    const headers = (path: string, method: Method, status: string) =>
      Object.keys((document.paths[path][method]!.responses[status] as ResponseObject).headers ?? {}).sort();
    expect(headers('/v1/me', 'get', '200')).toEqual([
      'X-RateLimit-Limit-address',
      'X-RateLimit-Limit-token',
      'X-RateLimit-Remaining-address',
      'X-RateLimit-Remaining-token',
      'X-RateLimit-Reset-address',
      'X-RateLimit-Reset-token',
    ]);
    expect(headers('/health/live', 'get', '200')).toEqual([
      'X-RateLimit-Limit-address',
      'X-RateLimit-Remaining-address',
      'X-RateLimit-Reset-address',
    ]);
    const tooMany = (document.components!.responses as Record<string, ResponseObject>).Status429.headers!;
    expect(Object.keys(tooMany)).toEqual(expect.arrayContaining(['Retry-After', 'X-RateLimit-Remaining-address']));
    expect(document.components!.headers!.RateLimitRemainingToken).toMatchObject({ schema: { type: 'integer', minimum: 0 } });
  });

  it('refuses, as validation does, the fields a request schema does not declare', () => {
    expect([schema('CreateExchangeDto').additionalProperties, schema('ChannelsDto').additionalProperties]).toEqual([false, false]);
  });

  it('marks the path parameters that must be UUIDs', () => {
    const id = (document.paths['/v1/exchanges/{id}'].get!.parameters as Array<{ name: string; schema: SchemaObject }>)[0];
    expect(id).toMatchObject({ name: 'id', schema: { type: 'string', format: 'uuid' } });
  });

  it('gives every 2xx with a body its schema', () => {
    const bare = operations.flatMap(({ path, method, operation }) =>
      Object.entries(operation.responses as Record<string, ResponseObject>)
        .filter(
          ([status, response]) =>
            status.startsWith('2') && !['202', '204'].includes(status) && !Object.values(response.content ?? {})[0]?.schema,
        )
        .map(([status]) => `${method} ${path} ${status}`),
    );
    expect(bare).toEqual([]);
    expect(document.paths['/v1/exchanges'].get!.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { required: ['items', 'nextCursor'] } } },
    });
  });

  it('links each create to the reads and actions of what it made, and each answer that is that resource too', () => {
    const links = (path: string, method: Method, status: string) =>
      ((document.paths[path][method]!.responses[status] as ResponseObject).links ?? {}) as Record<
        string,
        { operationId: string; parameters: Record<string, string> }
      >;
    const created = links('/v1/exchanges', 'post', '201');
    expect(created.ExchangesController_get_v1).toEqual({
      operationId: 'ExchangesController_get_v1',
      parameters: { id: '$response.body#/id' },
    });
    expect(Object.keys(created)).toEqual(
      expect.arrayContaining(['ExchangesController_confirm_v1', 'ExchangesController_reschedule_v1', 'ExchangesController_cancel_v1']),
    );
    expect(links('/v1/exchanges/{id}/confirm', 'post', '200')).toEqual(created);
    expect(Object.keys(links('/v1/support-requests', 'post', '201'))).toEqual(
      expect.arrayContaining(['SupportRequestsController_acknowledge_v1', 'SupportRequestsController_decide_v1']),
    );
    // An item of an exchange: its own id from the answer, the exchange's from the request.
    expect(links('/v1/exchanges/{id}/action-items', 'post', '201').ExchangeActionItemsController_update_v1.parameters).toEqual({
      itemId: '$response.body#/id',
      id: '$request.path.id',
    });
    // Carrying an item forward makes one on another exchange: no link may name this one.
    expect(links('/v1/exchanges/{id}/agenda/{itemId}/carry-forward', 'post', '201')).toEqual({});
    // An organisation is named by its code.
    expect(Object.values(links('/v1/organizations', 'post', '201'))[0].parameters).toEqual({ code: '$response.body#/code' });
  });

  it('lists the methods of each documented path, for the 405 answer', () => {
    const allowed = new AllowedMethods(document);
    expect(allowed.of('/health/ready')).toEqual(['GET', 'HEAD']);
    expect(allowed.of('/v1/exchanges')).toEqual(['GET', 'HEAD', 'POST']);
    expect(allowed.of('/v1/exchanges/0b6b3f8e-1d2c-4f5a-9a7b-2c3d4e5f6a7b/confirm')).toEqual(['POST']);
    expect(allowed.of('/v1/calendar/0b6b3f8e-1d2c-4f5a-9a7b-2c3d4e5f6a7b.ics')).toEqual(['GET', 'HEAD']);
    expect(allowed.of('/v1/series/preview')).toEqual(['POST']);
    expect(allowed.of('/v1/nothing-here')).toBeNull();
    expect(allowed.of('/v1/calendar/x.icsx')).toBeNull();
  });
});
