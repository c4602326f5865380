import { Module } from '@nestjs/common';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth.guard';
import { IdempotencyScope } from './idempotency-scope';
import { TokenService } from './token.service';
import { SessionsService } from './sessions/sessions.service';

/**
 * Tokens, the auth guard, the audit trail and its admin endpoint. The API adds, from this library,
 * the rate limits (`throttlerModule`, `RateLimitGuard`), the `IdempotencyInterceptor` and the
 * `IdempotencyPurge`; the creates that commit before they talk to Temporal use `IdempotencyScope`.
 */
@Module({
  controllers: [AuditController],
  providers: [AuditService, TokenService, SessionsService, AuthGuard, IdempotencyScope],
  exports: [AuditService, TokenService, SessionsService, AuthGuard, IdempotencyScope],
})
export class AccessModule {}
