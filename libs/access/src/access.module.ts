import { Module } from '@nestjs/common';
import { AuditService } from './audit.service';
import { AuthGuard } from './auth.guard';
import { TokenService } from './token.service';

@Module({
  providers: [AuditService, TokenService, AuthGuard],
  exports: [AuditService, TokenService, AuthGuard],
})
export class AccessModule {}
