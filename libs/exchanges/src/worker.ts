/** What the workflow worker takes from exchanges (the API does not): the exchange workflow's activities. */
export * from './workflow/attendance-check.activities';
export * from './workflow/exchange.activities';
