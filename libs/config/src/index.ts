export * from './config';
export * from './config.module';
export * from './fault-pause';
export * from './secrets';
export * from './trust-proxy';
export * from './events.schema';
