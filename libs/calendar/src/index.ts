export * from './calendar.module';
