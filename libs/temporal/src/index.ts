export * from './search-attributes';
export * from './temporal-client.module';
export * from './temporal-client.token';
export * from './workflow-ended';
export * from './workflow-updates';
export * from './first-start';
