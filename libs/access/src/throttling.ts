import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerException, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerModule, ThrottlerModuleOptions } from '@nestjs/throttler';
import { LIAISON_CONFIG, LiaisonConfig } from '@liaison/config';
import type { Request, Response } from 'express';
import { bearerToken, hashToken } from './tokens';

const MINUTE = 60_000;

const bearer = (req: Request) => bearerToken(req.headers.authorization);

/**
 * Two limits a minute: per client address (every request, tokens or not, so guessing tokens is
 * slow too) and per bearer token (however many addresses share it). Counters live in the API
 * process; several API processes each count their own share.
 */
export const throttlerModule = ThrottlerModule.forRootAsync({
  inject: [LIAISON_CONFIG],
  useFactory: (config: LiaisonConfig): ThrottlerModuleOptions => ({
    // One count per address and per token across every route (the default counts per route).
    generateKey: (_context, tracker, name) => `${name}:${tracker}`,
    throttlers: [
      { name: 'address', ttl: MINUTE, limit: config.rateLimit.perAddress, getTracker: (req) => (req as Request).ip ?? 'unknown' },
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
    throw new ThrottlerException(
      `too many requests for this ${per}: at most ${detail.limit} a minute; retry after the Retry-After seconds`,
    );
  }
}
