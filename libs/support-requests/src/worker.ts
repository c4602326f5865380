/** What the workflow worker takes from support requests (the API does not): the support-request workflow's activities. */
export * from './workflow/support-request.activities';
export * from './events/support-request-events.module';
