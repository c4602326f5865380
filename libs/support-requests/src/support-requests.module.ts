import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { DirectoryModule } from '@liaison/directory';
import { ExchangesModule } from '@liaison/exchanges';
import { FollowUpEventsModule } from '@liaison/follow-up';
import { SupportRequestEventsModule } from './events/support-request-events.module';
import { SupportRequestQueryService } from './support-request-query.service';
import { SupportRequestStepsService } from './support-request-steps.service';
import { SupportRequestSubmissionService } from './support-request-submission.service';
import { SupportRequestThreadService } from './support-request-thread.service';
import { SupportRequestsController } from './support-requests.controller';

/** The API side of A4P support requests. */
@Module({
  imports: [AccessModule, DirectoryModule, ExchangesModule, SupportRequestEventsModule, FollowUpEventsModule],
  controllers: [SupportRequestsController],
  providers: [SupportRequestSubmissionService, SupportRequestQueryService, SupportRequestStepsService, SupportRequestThreadService],
  exports: [SupportRequestSubmissionService, SupportRequestQueryService],
})
export class SupportRequestsModule {}
