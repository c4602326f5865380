import { ExecutionContext, HttpException, HttpStatus, INestApplication, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule, ThrottlerModuleOptions, ThrottlerStorage } from '@nestjs/throttler';
import type { ErrorResponse } from '@liaison/common';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { ErrorCodeOf } from '@liaison/domain';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { bearerToken, hashToken } from './tokens';

const MINUTE = 60_000;
const ADDRESS = 'address';

const bearer = (req: Request) => bearerToken(req.headers.authorization);
/** The client's address: the socket's peer, or what the proxies TRUST_PROXY names say (Express's `req.ip`). */
const clientAddress = (req: Request) => req.ip ?? 'unknown';
/** One count per address and per token across every route (the default counts per route). */
const counterKey = (name: string, tracker: string) => `${name}:${tracker}`;
const tooMany = (per: string, limit: number) =>
  `too many requests for this ${per}: at most ${limit} a minute; retry after the Retry-After seconds`;
/** The `code` of a 429, naming the limit that was hit. */
export const RATE_LIMIT_CODES = {
  address: 'RATE_LIMIT.ADDRESS',
  token: 'RATE_LIMIT.TOKEN',
} as const satisfies Record<string, ErrorCodeOf<429>>;

/**
 * Two limits a minute: per client address (every request, tokens or not, so guessing tokens is
 * slow too) and per bearer token (however many addresses share it). Counters live in the API
 * process; several API processes each count their own share.
 */
export const throttlerModule = ThrottlerModule.forRootAsync({
  inject: [LIAISON_CONFIG],
  useFactory: (config: LiaisonConfig): ThrottlerModuleOptions => ({
    generateKey: (_context, tracker, name) => counterKey(name, tracker),
    throttlers: [
      { name: ADDRESS, ttl: MINUTE, limit: config.rateLimit.perAddress, getTracker: (req) => clientAddress(req as Request) },
      {
        name: 'token',
        ttl: MINUTE,
        limit: config.rateLimit.perToken,
        getTracker: (req) => hashToken(bearer(req as Request) ?? ''),
        skipIf: (context) => bearer(context.switchToHttp().getRequest<Request>()) === null,
      },
    ],
  }),
});

/** Answers 429 in the API's error shape with a plain `Retry-After` (seconds), whichever limit was hit. */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('Retry-After', String(Math.max(1, Math.ceil(detail.timeToBlockExpire))));
    const per = detail.key.startsWith('token:') ? 'token' : 'address';
    throw new HttpException({ message: tooMany(per, detail.limit), code: RATE_LIMIT_CODES[per] }, HttpStatus.TOO_MANY_REQUESTS);
  }
}

/**
 * The per-address limit for what Express serves beside Nest's routes (Bull Board at
 * /admin/queues): each request counts on the same per-address counter as the API's, so guessing
 * the admin token (bearer or session cookie) there is as slow as anywhere; over the limit, the same
 * 429 with Retry-After.
 */
export function addressRateLimit(app: INestApplication): RequestHandler {
  const storage = app.get<ThrottlerStorage>(ThrottlerStorage);
  const limit = app.get<LiaisonConfig>(LIAISON_CONFIG).rateLimit.perAddress;
  return (request: Request, response: Response, next: NextFunction): void => {
    storage.increment(counterKey(ADDRESS, clientAddress(request)), MINUTE, limit, MINUTE, ADDRESS).then((record) => {
      if (!record.isBlocked) return next();
      response.setHeader('Retry-After', String(Math.max(1, Math.ceil(record.timeToBlockExpire))));
      response.status(429).json({
        statusCode: 429,
        error: 'Too Many Requests',
        message: tooMany(ADDRESS, limit),
        code: RATE_LIMIT_CODES.address,
      } satisfies ErrorResponse);
    }, next);
  };
}
