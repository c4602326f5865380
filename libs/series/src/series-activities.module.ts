import { Module } from '@nestjs/common';
import { AccessModule } from '@liaison/access';
import { ExchangesModule } from '@liaison/exchanges';
import { QueueModule } from '@liaison/notifications';
import { SeriesRules } from './series-rules';
import { SeriesActivities } from './workflow/series.activities';

/** The worker side of recurring consultations: the series workflow's activities. */
@Module({
  imports: [AccessModule, ExchangesModule, QueueModule],
  providers: [SeriesActivities, SeriesRules],
  exports: [SeriesActivities],
})
export class SeriesActivitiesModule {}
