import { Module } from '@nestjs/common';
import { ExchangeQueriesModule } from '@liaison/exchanges';
import { FollowUpWaiting } from './follow-up-waiting.service';

/** What the exchanges' follow-up waits for from a person (`FollowUpWaiting`), without the API: for the notifier's morning digest. */
@Module({
  imports: [ExchangeQueriesModule],
  providers: [FollowUpWaiting],
  exports: [FollowUpWaiting],
})
export class FollowUpWaitingModule {}
