import { Module } from '@nestjs/common';
import { AuditController } from './audit/audit.controller';
import { AuditService } from './audit/audit.service';
import { AuthGuard } from './auth.guard';
import { TokenService } from './token.service';

/**
 * Tokens, the auth guard, the audit trail and its admin endpoint. The API adds, from this library,
 * the rate limits (`throttlerModule`, `RateLimitGuard`) and the `IdempotencyInterceptor`.
 */
@Module({
  controllers: [AuditController],
  providers: [AuditService, TokenService, AuthGuard],
  exports: [AuditService, TokenService, AuthGuard],
})
export class AccessModule {}
