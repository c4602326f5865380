import { Module } from '@nestjs/common';
import { AccessModule } from '../access.module';
import { OidcSignIn } from './oidc-sign-in';
import { OidcController } from './oidc.controller';
import { OidcService } from './oidc.service';

/**
 * Sign-in with OpenID Connect (`/v1/auth/oidc/start`, `/v1/auth/oidc/callback`): always mounted,
 * a 404 `AUTH.OIDC_NOT_CONFIGURED` until OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set.
 * Opens the web sessions of AccessModule's SessionsService.
 */
@Module({
  imports: [AccessModule],
  controllers: [OidcController],
  providers: [OidcService, OidcSignIn],
})
export class OidcModule {}
