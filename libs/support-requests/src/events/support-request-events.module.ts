import { Module } from '@nestjs/common';
import { EventsRecordingModule } from '@liaison/events';
import { SupportRequestEvents } from './support-request-events';

/** What the API and the worker import to record a support request's events. */
@Module({
  imports: [EventsRecordingModule],
  providers: [SupportRequestEvents],
  exports: [SupportRequestEvents],
})
export class SupportRequestEventsModule {}
