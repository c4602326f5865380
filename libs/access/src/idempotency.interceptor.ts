import { CallHandler, ExecutionContext, HttpStatus, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { DomainError } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Request, Response } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { catchError, finalize, from, map, mergeMap, Observable, of, throwError } from 'rxjs';
import { RETURNS_SECRET } from './decorators';
import { IdempotencyKeysRepository, KeyedRequest } from '@liaison/persistence';
import { IdempotencyScope } from './idempotency-scope';
import type { Principal } from './principal';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * `Idempotency-Key` on a POST: the first request with a key runs and its answer is kept, per caller,
 * for IDEMPOTENCY_KEY_LIFETIME; a repeat with the same key and body gets that answer again (header
 * `Idempotent-Replayed: true`) and changes nothing; the same key with another body or path is a 422.
 *
 * - The first request holds the key on a lease (IDEMPOTENCY_LEASE, renewed every third of it while
 *   it runs). A repeat meanwhile is a 409 `IDEMPOTENCY.IN_PROGRESS` with `Retry-After`; once the
 *   lease has passed (the request died with its process), a repeat takes the key over.
 * - A route marked `@ReturnsSecret()` keeps no answer: its repeat is a 409
 *   `IDEMPOTENCY.SECRET_NOT_REPLAYABLE`, so no token is ever readable in `idempotency_keys`.
 * - A failed request keeps nothing, so it can be sent again; unless it had committed a create under
 *   the key (`IdempotencyScope.recordCreated`, say an action item whose workflow Temporal could not
 *   be told about): then the retry completes that create instead of making a second one.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly keys: IdempotencyKeysRepository,
    private readonly reflector: Reflector,
    @Inject(LIAISON_CONFIG) private readonly config: LiaisonConfig,
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
    const keyed: KeyedRequest = {
      caller: callerOf(request.principal),
      key,
      method: request.method,
      path: request.path,
      bodyHash: createHash('sha256').update(canonical(request.body)).digest('hex'),
    };
    const secret = this.reflector.getAllAndOverride<string[] | undefined>(RETURNS_SECRET, [context.getHandler(), context.getClass()]);
    const lease = randomUUID();
    const claim = await this.keys.claim(keyed, lease);
    if (!claim.claimed) return this.replay(keyed, secret, http.getResponse<Response>());

    const status = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? HttpStatus.CREATED;
    const { caller } = keyed;
    return new Observable<unknown>((subscriber) => {
      const renewal = setInterval(
        () => void this.keys.renew(caller, key, lease).catch(() => undefined),
        this.config.idempotency.leaseMs / 3,
      );
      renewal.unref();
      return IdempotencyScope.run({ caller, key, lease, earlier: claim.earlier }, () => next.handle())
        .pipe(
          finalize(() => clearInterval(renewal)),
          mergeMap((body: unknown) => from(this.keys.complete(caller, key, lease, status, kept(body, secret))).pipe(map(() => body))),
          catchError((error: unknown) => from(this.keys.release(caller, key, lease)).pipe(mergeMap(() => throwError(() => error)))),
        )
        .subscribe(subscriber);
    });
  }

  private async replay(keyed: KeyedRequest, secret: string[] | undefined, response: Response): Promise<Observable<unknown>> {
    const first = await this.keys.find(keyed.caller, keyed.key);
    if (first && (first.path !== keyed.path || first.bodyHash !== keyed.bodyHash)) {
      throw DomainError.unprocessable(
        'IDEMPOTENCY.KEY_REUSED',
        `this Idempotency-Key was first used for another request (${first.method} ${first.path} with another body); use a new key`,
      );
    }
    if (!first || first.status === null) {
      const leftMs = first?.lockedUntil ? first.lockedUntil.getTime() - Date.now() : 0;
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(leftMs / 1000))));
      throw DomainError.conflict('IDEMPOTENCY.IN_PROGRESS', 'a request with this Idempotency-Key is being processed; retry shortly');
    }
    if (secret) {
      throw DomainError.conflict(
        'IDEMPOTENCY.SECRET_NOT_REPLAYABLE',
        'the first answer to this Idempotency-Key carried a secret, which is not kept, so it cannot be sent again; issue a new one (a new token, another rotation) with a new key',
        first.response === null ? undefined : { firstAnswer: first.response },
      );
    }
    response.setHeader('Idempotent-Replayed', 'true');
    return of(first.response);
  }
}

/**
 * What is stored of an answer: all of it; for a route that returns a secret, the answer without the
 * fields that hold it, or nothing (`undefined`: SQL null) when the secret is the whole answer.
 */
function kept(body: unknown, secret: string[] | undefined): unknown {
  if (!secret) return body ?? null;
  if (secret.length === 0 || !body || typeof body !== 'object' || Array.isArray(body)) return undefined;
  return Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([field]) => !secret.includes(field)));
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
