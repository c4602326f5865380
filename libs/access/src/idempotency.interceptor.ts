import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@liaison/common';
import { IdempotencyKeyEntity } from '@liaison/persistence';
import type { Request, Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import type { Principal } from './principal';

/** How long a key is remembered. */
const KEY_LIFETIME_MS = 24 * 3600_000;
const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on a POST: the first request with a key runs and its answer is kept, per
 * caller, for 24 hours; a repeat with the same key and body gets that answer again (header
 * `Idempotent-Replayed: true`) and changes nothing; the same key with another body or path is a
 * 422; a repeat while the first is still running is a 409. A failed first request keeps nothing,
 * so it can be retried with the same key. The primary key (caller, key) makes the first one win.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<Request & { principal?: Principal }>();
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || key === undefined) return next.handle();
    if (typeof key !== 'string' || !KEY_FORMAT.test(key)) {
      const problem = 'must be 1 to 255 visible ASCII characters, sent once';
      throw DomainError.invalid('IDEMPOTENCY.BAD_KEY', `Idempotency-Key: ${problem}`, [{ field: 'Idempotency-Key', problems: [problem] }]);
    }
    const row = {
      caller: callerOf(request.principal),
      key,
      method: request.method,
      path: request.path,
      bodyHash: createHash('sha256').update(canonical(request.body)).digest('hex'),
    };
    const repo = this.dataSource.getRepository(IdempotencyKeyEntity);
    // Claims the key, or takes over a row of it older than the key's lifetime, in one statement.
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys AS k (caller, key, method, path, body_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (caller, key) DO UPDATE
          SET method = EXCLUDED.method, path = EXCLUDED.path, body_hash = EXCLUDED.body_hash,
              status = NULL, response = NULL, created_at = now()
        WHERE k.created_at < now() - $6 * interval '1 millisecond'
       RETURNING key`,
      [row.caller, row.key, row.method, row.path, row.bodyHash, KEY_LIFETIME_MS],
    );
    if (claimed.length === 0) return this.replay(row, http.getResponse<Response>());

    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const forget = () => from(repo.delete({ caller: row.caller, key }));
    return next.handle().pipe(
      mergeMap((body: unknown) =>
        from(
          this.dataSource.query(`UPDATE idempotency_keys SET status = $3, response = $4::jsonb WHERE caller = $1 AND key = $2`, [
            row.caller,
            key,
            status,
            JSON.stringify(body ?? null),
          ]),
        ).pipe(mergeMap(() => of(body))),
      ),
      catchError((error: unknown) => forget().pipe(mergeMap(() => throwError(() => error)))),
    );
  }

  private async replay(row: Pick<IdempotencyKeyEntity, 'caller' | 'key' | 'method' | 'path' | 'bodyHash'>, response: Response) {
    const first = await this.dataSource.getRepository(IdempotencyKeyEntity).findOneBy({ caller: row.caller, key: row.key });
    if (!first)
      throw DomainError.conflict('IDEMPOTENCY.IN_PROGRESS', 'a request with this Idempotency-Key is being processed; retry shortly');
    if (first.path !== row.path || first.bodyHash !== row.bodyHash) {
      throw DomainError.unprocessable(
        'IDEMPOTENCY.KEY_REUSED',
        `this Idempotency-Key was first used for another request (${first.method} ${first.path} with another body); use a new key`,
      );
    }
    if (first.status === null) {
      throw DomainError.conflict('IDEMPOTENCY.IN_PROGRESS', 'a request with this Idempotency-Key is being processed; retry shortly');
    }
    response.setHeader('Idempotent-Replayed', 'true');
    return of(first.response);
  }
}

function callerOf(principal: Principal | undefined): string {
  if (!principal) return 'anonymous';
  return principal.kind === 'person' ? `person:${principal.person.id}` : 'admin-token';
}

/** JSON with object keys sorted, so that the same body hashes the same however it was written. */
function canonical(value: unknown): string {
  return JSON.stringify(value ?? null, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
