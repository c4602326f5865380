import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { DirectoryModule } from '@liaison/directory';
import { ExchangeQueryService } from './exchange-query.service';
import { ExchangeReferences } from './exchange-references';
import { ExchangeTransitionsService } from './exchange-transitions.service';
import { ExchangesController } from './exchanges.controller';
import { ExchangesService } from './exchanges.service';
import { ExchangeScheduler } from './exchange-scheduler.service';

/** The API side of exchanges. The workflow side (workflow, activities) runs in the worker. */
@Module({
  imports: [AccessModule, DirectoryModule],
  controllers: [ExchangesController],
  providers: [ExchangesService, ExchangeQueryService, ExchangeTransitionsService, ExchangeScheduler, ExchangeReferences],
  exports: [ExchangeScheduler, ExchangeQueryService, ExchangeTransitionsService],
})
export class ExchangesModule {}
