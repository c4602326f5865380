export * from './support-requests.module';
export * from './support-request-submission.service';
export * from './working-time';
export * from './support-request-thread.service';
