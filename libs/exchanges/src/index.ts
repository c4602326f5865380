export * from './exchange.mapper';
export * from './exchanges.module';
export * from './workflow/exchange-workflow.contract';
export * from './workflow/exchange.activities';
export * from './exchange-scheduler.service';
export * from './exchange-query.service';
export * from './start-time';
export * from './dto/create-exchange.dto';
