export * from './event-recorder';
export * from './events-recording.module';
