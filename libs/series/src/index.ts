export * from './recurrence';
export * from './series-activities.module';
export * from './series.module';
export * from './series.service';
export * from './workflow/series-workflow.contract';
export * from './workflow/series.activities';
