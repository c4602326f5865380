export * from './event-recorder';
export * from './events-recording.module';
export * from './delivery/delivery-wakeups';
export * from './delivery/event-delivery-queue.module';
export * from './restricted-view';
