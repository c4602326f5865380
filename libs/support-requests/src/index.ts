export * from './support-requests.module';
export * from './support-request-submission.service';
export * from './workflow/support-request.activities';
export * from './workflow/support-request-workflow.contract';
export * from './working-time';
export * from './support-request-thread.service';
