import { Module } from '@nestjs/common';
import { EventRecorder } from './event-recorder';

/** What a feature imports to report its state changes as events. */
@Module({
  providers: [EventRecorder],
  exports: [EventRecorder],
})
export class EventsRecordingModule {}
