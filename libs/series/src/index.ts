export * from './recurrence';
export * from './series.module';
export * from './series.service';
