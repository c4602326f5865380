import { Module } from '@nestjs/common';
import { ExchangeEventsModule } from '@liaison/exchanges';
import { FollowUpEvents } from './follow-up-events';

/** What the API and the worker import to record the events of agendas, minutes and action items. */
@Module({
  imports: [ExchangeEventsModule],
  providers: [FollowUpEvents],
  exports: [FollowUpEvents],
})
export class FollowUpEventsModule {}
