import { Controller, Get, INestApplication, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client, DatabaseError } from 'pg';
import supertest from 'supertest';
import { QueryFailedError } from 'typeorm';
import { DomainError } from '@liaison/common';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { ApiErrorFilter, isDatabaseUnavailable, isTemporalUnavailable } from './api-error.filter';

/** A local port nothing listens on: bound, learnt, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The error node-postgres really throws when nothing listens where the database should be. */
async function refusedConnection(): Promise<unknown> {
  const client = new Client({ host: '127.0.0.1', port: await closedPort(), user: 'postgres', connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => undefined);
  }
  throw new Error('connected to a closed port');
}

/** A server-side error as node-postgres builds it from the wire (severity, SQLSTATE). */
function sqlState(code: string, message: string): DatabaseError {
  const error = new DatabaseError(message, message.length, 'error');
  error.severity = 'FATAL';
  error.code = code;
  return error;
}

describe('isDatabaseUnavailable', () => {
  it('recognises a refused connection, thrown by node-postgres itself', async () => {
    const error = await refusedConnection();
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], error as Error))).toBe(true);
  });

  it('recognises a database on a Unix socket that is down (no socket file), but not a missing file elsewhere', async () => {
    const client = new Client({ host: '/nonexistent-liaison-socket-dir', user: 'postgres', connectionTimeoutMillis: 2000 });
    const error = await client.connect().then(
      () => new Error('connected to a socket that does not exist'),
      (refused: unknown) => refused,
    );
    await client.end().catch(() => undefined);
    expect(error).toMatchObject({ code: 'ENOENT', syscall: 'connect' });
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], error as Error))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('no such file'), { code: 'ENOENT', syscall: 'open' }))).toBe(false);
  });

  it('recognises an administrator shutdown and a server starting up, directly or wrapped by TypeORM', () => {
    const shutdown = sqlState('57P01', 'terminating connection due to administrator command');
    expect(isDatabaseUnavailable(shutdown)).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], shutdown))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('57P03', 'the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(sqlState('08006', 'connection failure'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('query failed', { cause: sqlState('57P01', 'terminating connection') }))).toBe(true);
  });

  it('leaves errors of the query or the request alone', () => {
    expect(isDatabaseUnavailable(sqlState('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT x', [], sqlState('42703', 'column "x" does not exist')))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something else'))).toBe(false);
    expect(isDatabaseUnavailable(DomainError.notFound('EXCHANGE.NOT_FOUND', 'no such exchange'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });
});

/** What the Temporal client really throws for a call when nothing listens where its frontend should be. */
async function temporalUnreachable(): Promise<unknown> {
  // No retry interceptor: the client would otherwise retry UNAVAILABLE for seconds before throwing it.
  const connection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}`, interceptors: [] });
  try {
    await new TemporalClient({ connection }).workflow.getHandle('nothing').describe();
  } catch (error) {
    return error;
  } finally {
    await connection.close();
  }
  throw new Error('reached a closed port');
}

describe('isTemporalUnavailable', () => {
  it('recognises Temporal unreachable, and its rate limits (RESOURCE_EXHAUSTED), but not its refusals', async () => {
    expect(isTemporalUnavailable(await temporalUnreachable())).toBe(true);
    const grpc = (code: number) => Object.assign(new Error(`${code} grpc`), { code, details: 'x', metadata: {} });
    expect(isTemporalUnavailable(Object.assign(new Error('service error'), { cause: grpc(8) }))).toBe(true);
    // NOT_FOUND (5), INVALID_ARGUMENT (3): the call was wrong, not the service away.
    expect([isTemporalUnavailable(grpc(5)), isTemporalUnavailable(grpc(3)), isTemporalUnavailable(new Error('x'))]).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe('ApiErrorFilter', () => {
  let refused: unknown;
  let unreachable: unknown;

  @Controller('probe')
  class ProbeController {
    @Get('refused')
    refused(): never {
      throw new QueryFailedError('SELECT 1', [], refused as Error);
    }
    @Get('shutdown')
    shutdown(): never {
      throw sqlState('57P01', 'terminating connection due to administrator command');
    }
    @Get('temporal')
    temporal(): never {
      throw unreachable as Error;
    }
    @Get('bug')
    bug(): never {
      throw new TypeError('cannot read properties of undefined');
    }
    @Get('conflict')
    conflict(): never {
      throw DomainError.conflict('EXCHANGE.ALREADY_CONFIRMED', 'already confirmed');
    }
  }

  @Module({ controllers: [ProbeController] })
  class ProbeModule {}

  let app: INestApplication;
  beforeAll(async () => {
    refused = await refusedConnection();
    unreachable = await temporalUnreachable();
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ApiErrorFilter());
    await app.init();
  });
  afterAll(() => app.close());

  it.each(['refused', 'shutdown'])('answers a lost database (%s) with 503 and Retry-After, in the error shape', async (route) => {
    const res = await supertest(app.getHttpServer()).get(`/probe/${route}`);
    expect(res.status).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ statusCode: 503, error: 'Service Unavailable', code: 'DATABASE.UNAVAILABLE' });
    expect(res.body.message).toMatch(/database is unavailable/);
  });

  it('answers Temporal unreachable with 503 TEMPORAL.UNAVAILABLE and Retry-After', async () => {
    const res = await supertest(app.getHttpServer()).get('/probe/temporal');
    expect(res.status).toBe(503);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(res.body).toMatchObject({ statusCode: 503, code: 'TEMPORAL.UNAVAILABLE' });
  });

  it('keeps a bug a 500 and a domain error its own status, without Retry-After', async () => {
    const bug = await supertest(app.getHttpServer()).get('/probe/bug');
    expect(bug.status).toBe(500);
    expect(bug.headers['retry-after']).toBeUndefined();
    const conflict = await supertest(app.getHttpServer()).get('/probe/conflict');
    expect(conflict.status).toBe(409);
    expect(conflict.body.code).toBe('EXCHANGE.ALREADY_CONFIRMED');
  });
});
