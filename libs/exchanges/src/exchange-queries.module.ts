import { Module } from '@nestjs/common';
import { ExchangeQueryService } from './exchange-query.service';

/**
 * The reads of exchanges alone (`ExchangeQueryService`: what a person may see and act on), for a
 * process with no API and no Temporal client: the notifier's morning digest.
 */
@Module({
  providers: [ExchangeQueryService],
  exports: [ExchangeQueryService],
})
export class ExchangeQueriesModule {}
