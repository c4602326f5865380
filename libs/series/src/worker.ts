/** What the workflow worker takes from series (the API does not): the series workflow's activities. */
export * from './series-activities.module';
export * from './workflow/series.activities';
