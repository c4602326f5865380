/** What the workflow worker takes from follow-up (the API does not): the exchange workflow's follow-up activities. */
export * from './workflow/follow-up.activities';
export * from './events/follow-up-events.module';
export * from './events/follow-up-events';
