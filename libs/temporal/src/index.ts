export * from './search-attributes';
export * from './temporal-client.module';
export * from './workflow-ended';
export * from './first-start';
