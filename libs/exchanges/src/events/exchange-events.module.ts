import { Module } from '@nestjs/common';
import { EventsRecordingModule } from '@liaison/events';
import { ExchangeEvents } from './exchange-events';

/** What the API and the worker import to record an exchange's events (ExchangeEvents). */
@Module({
  imports: [EventsRecordingModule],
  providers: [ExchangeEvents],
  exports: [ExchangeEvents],
})
export class ExchangeEventsModule {}
