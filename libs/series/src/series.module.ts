import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { ExchangesModule } from '@liaison/exchanges';
import { EventsRecordingModule } from '@liaison/events';
import { SeriesEvents } from './events/series-events';
import { SeriesRules } from './series-rules';
import { SeriesController } from './series.controller';
import { SeriesService } from './series.service';

/** The API side of recurring consultations. */
@Module({
  imports: [AccessModule, ExchangesModule, EventsRecordingModule],
  controllers: [SeriesController],
  providers: [SeriesService, SeriesRules, SeriesEvents],
  exports: [SeriesService],
})
export class SeriesModule {}
