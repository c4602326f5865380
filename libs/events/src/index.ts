export * from './event-recorder';
export * from './events-recording.module';
export * from './delivery/delivery-wakeups';
