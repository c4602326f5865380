import { Module } from '@nestjs/common';
import { SupportRequestQueryService } from './support-request-query.service';

/** The reads of support requests alone (what waits for a person among them), without the API: for the notifier's morning digest. */
@Module({
  providers: [SupportRequestQueryService],
  exports: [SupportRequestQueryService],
})
export class SupportRequestQueriesModule {}
