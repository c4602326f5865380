export * from './liaison-worker';
export * from './worker-activities.module';
export * from './workflows-path';
export * from './worker-runtime';
