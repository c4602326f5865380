export * from './support-requests.module';
export * from './support-request-submission.service';
export * from './working-time';
export * from './support-request-thread.service';
export { SupportRequestQueryService } from './support-request-query.service';
export * from './support-request-queries.module';
