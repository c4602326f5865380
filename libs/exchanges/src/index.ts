export * from './exchange.mapper';
export * from './exchange.response';
export * from './exchanges.module';
export * from './exchange-scheduler.service';
export * from './exchange-query.service';
export * from './start-time';
export * from './dto/create-exchange.dto';
export * from './exchange-transitions.service';
export type { ExchangeAccess, ExchangeAction } from './exchange-actions';
