import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { AuthController } from './auth.controller';
import { SignInLimits } from './sign-in-limits';
import { SignInMailer } from './sign-in-mailer';
import { SignInService } from './sign-in.service';

/** The web app's sign-in by e-mail link, its session and sign-out; the API only (it needs the API's rate-limit store). */
@Module({
  imports: [AccessModule],
  controllers: [AuthController],
  providers: [SignInService, SignInLimits, SignInMailer],
})
export class AuthModule {}
