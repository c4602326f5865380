export * from './exchange.mapper';
export * from './exchanges.module';
export * from './workflow/exchange-workflow.contract';
export * from './workflow/exchange.activities';
