import { Module } from '@nestjs/common';
import { FollowUpModule } from '@liaison/follow-up';
import { SupportRequestsModule } from '@liaison/support-requests';
import { WaitingController } from './waiting.controller';
import { WaitingService } from './waiting.service';

/** `GET /v1/me/waiting`: composes what the features each say is waiting for the caller. */
@Module({
  imports: [FollowUpModule, SupportRequestsModule],
  controllers: [WaitingController],
  providers: [WaitingService],
})
export class WaitingModule {}
