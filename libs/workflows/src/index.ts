export * from './liaison-worker';
export * from './worker-activities.module';
