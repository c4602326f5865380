import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { ExchangesModule } from '@liaison/exchanges';
import { SeriesRules } from './series-rules';
import { SeriesController } from './series.controller';
import { SeriesService } from './series.service';

/** The API side of recurring consultations. */
@Module({
  imports: [AccessModule, ExchangesModule],
  controllers: [SeriesController],
  providers: [SeriesService, SeriesRules],
  exports: [SeriesService],
})
export class SeriesModule {}
